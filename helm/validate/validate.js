#!/usr/bin/env node
// Validates what `helm template` rendered (multi-document YAML on stdin) against the Kubernetes API schemas that
// kubernetes-models carries, so a typo in a template (a misspelt field, a string where a number goes) fails here
// rather than at `helm install` on a real cluster. Exits 1 naming each object that failed, 0 when all passed.
//
//   helm template rel helm/network | node helm/validate/validate.js [--label what-was-rendered]
import { parseAllDocuments } from "yaml";

const label = labelFromArgs(process.argv.slice(2));
const text = await readStdin();
const errors = [];
const lines = [];

const documents = parseAllDocuments(text);
for (const [index, document] of documents.entries()) {
  if (document.errors.length > 0) {
    errors.push(`document ${index + 1}: not valid YAML: ${document.errors.map((e) => e.message).join("; ")}`);
    continue;
  }
  const object = document.toJS();
  // helm leaves empty documents where a template rendered nothing (an optional object switched off).
  if (object === null || object === undefined) {
    continue;
  }
  const result = await check(object, index);
  if (result.error) {
    errors.push(result.error);
  } else {
    lines.push(result.line);
  }
}

for (const line of lines) {
  console.log(`${label}${line}`);
}
if (lines.length === 0 && errors.length === 0) {
  errors.push("no Kubernetes object on stdin (did helm template fail?)");
}
for (const error of errors) {
  console.error(`${label}ERROR ${error}`);
}
process.exit(errors.length === 0 ? 0 : 1);

// One object: the model for its apiVersion and kind validates it; a kind kubernetes-models does not know (a custom
// resource such as cert-manager's Certificate) gets only the checks every object must pass.
async function check(object, index) {
  const basics = basicProblems(object);
  const name = describe(object, index);
  if (basics.length > 0) {
    return { error: `${name}: ${basics.join("; ")}` };
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) {
    return { line: `ok (unknown kind, checked apiVersion/kind/metadata.name only) ${name}` };
  }
  try {
    new Model(object).validate();
    return { line: `ok ${name}` };
  } catch (error) {
    return { error: `${name}: ${explain(error)}` };
  }
}

function basicProblems(object) {
  const problems = [];
  if (typeof object !== "object" || Array.isArray(object)) {
    return ["is not a mapping"];
  }
  if (typeof object.apiVersion !== "string" || object.apiVersion === "") {
    problems.push("apiVersion is missing");
  }
  if (typeof object.kind !== "string" || object.kind === "") {
    problems.push("kind is missing");
  }
  if (typeof object.metadata?.name !== "string" || object.metadata.name === "") {
    problems.push("metadata.name is missing");
  }
  return problems;
}

// kubernetes-models lays its models out by API path: "v1" (core), "apps/v1", "networking.k8s.io/v1", … each module
// exporting one class per kind. A group it does not carry is an unknown kind, not an error.
async function modelFor(apiVersion, kind) {
  let module;
  try {
    module = await import(`kubernetes-models/${apiVersion}`);
  } catch (error) {
    if (error?.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || error?.code === "ERR_MODULE_NOT_FOUND") {
      return undefined;
    }
    throw error;
  }
  const Model = module[kind];
  return typeof Model === "function" && Model.kind === kind ? Model : undefined;
}

function describe(object, index) {
  const kind = object?.kind ?? "?";
  const apiVersion = object?.apiVersion ?? "?";
  const name = object?.metadata?.name ?? `(document ${index + 1})`;
  return `${apiVersion} ${kind} ${name}`;
}

// ajv's errors, one per line, each with the path inside the object, so the template to fix is easy to find.
function explain(error) {
  const details = Array.isArray(error?.errors) ? error.errors : Array.isArray(error?.details) ? error.details : null;
  if (details && details.length > 0) {
    return details
      .map((d) => `${d.instancePath || "/"} ${d.message ?? d.keyword}${d.params ? " " + JSON.stringify(d.params) : ""}`)
      .join("; ");
  }
  return error?.message ?? String(error);
}

function labelFromArgs(args) {
  const at = args.indexOf("--label");
  return at >= 0 && args[at + 1] ? `[${args[at + 1]}] ` : "";
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
