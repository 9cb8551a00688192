using System.Globalization;
using Network.Workflows.Loading;
using Network.Workflows.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Network.Web.Workflows;

/// <summary>
/// The designer's one source of truth: the YAML text. Every change — typed in the editor or made on the graph —
/// ends as new text, which is loaded and checked again (problems with line and column, the graph, the steps with
/// errors). Graph edits go through <see cref="WorkflowYamlDocument"/>, so a refused edit (with its reason) changes
/// nothing. Pure C#: the page only wires it to the editor, the graph and the domain services.
/// </summary>
public sealed class DesignerState
{
    private const string DraftFile = "draft.yaml";
    private IReadOnlyList<DesignerProblem> _localProblems = [];
    private IReadOnlyList<DesignerProblem> _serverProblems = [];

    public DesignerState(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        Yaml = yaml;
        Reload();
    }

    /// <summary>Raised after anything the views show changed (text, problems, graph, selection).</summary>
    public event Action? Changed;

    public string Yaml { get; private set; }

    /// <summary>The draft's id as its text declares it (null while it does not say).</summary>
    public string? DefinitionId { get; private set; }

    /// <summary>The inputs the draft declares (for the simulation form's sample inputs).</summary>
    public IReadOnlyList<string> Inputs { get; private set; } = [];

    /// <summary>The graph of the last text that could be read; <see cref="GraphIsStale"/> when the current text cannot.</summary>
    public WorkflowGraphModel? Graph { get; private set; }

    public GraphLayout? Layout { get; private set; }

    public bool GraphIsStale { get; private set; }

    /// <summary>Everything wrong with the current text: checked here as it is typed, plus what the server's validation added.</summary>
    public IReadOnlyList<DesignerProblem> Problems { get; private set; } = [];

    /// <summary>Steps a problem points into (by line), outlined red on the graph.</summary>
    public IReadOnlySet<string> StepsWithErrors { get; private set; } = new HashSet<string>();

    public string? SelectedStepId { get; private set; }

    /// <summary>Takes new text from the editor; does nothing when it is the text already held.</summary>
    public void SetYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml == Yaml)
        {
            return;
        }
        Yaml = yaml;
        _serverProblems = [];
        Reload();
        Changed?.Invoke();
    }

    /// <summary>
    /// The server's validation of <paramref name="yaml"/> (it also knows which workflows the tenant may call);
    /// ignored when the text has changed since it was sent.
    /// </summary>
    public void SetServerProblems(string yaml, IEnumerable<DesignerProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (yaml != Yaml)
        {
            return;
        }
        _serverProblems = problems.ToList();
        MergeProblems();
        Changed?.Invoke();
    }

    public void Select(string? stepId)
    {
        if (stepId == SelectedStepId)
        {
            return;
        }
        SelectedStepId = stepId is not null && Graph?.Node(stepId) is null ? null : stepId;
        Changed?.Invoke();
    }

    /// <summary>The form of the selected step, from the YAML as written (so expressions show as typed); null when none or unreadable.</summary>
    public StepForm? SelectedForm()
    {
        if (SelectedStepId is null || WorkflowYamlDocument.TryParse(Yaml, out _) is not { } document || document.Step(SelectedStepId) is not { } step)
        {
            return null;
        }
        var activity = WorkflowYamlDocument.Activity(step) ?? "";
        var fields = new List<StepField>
        {
            new("id", SelectedStepId),
            new("then", WorkflowYamlDocument.Scalar(step, "then") ?? ""),
        };
        var keys = WorkflowFormat.StepKeys.TryGetValue(activity, out var known) ? known : [];
        foreach (var key in keys.Where(k => k is not ("id" or "then" or "retry" or "end")))
        {
            switch (WorkflowYamlDocument.Child(step, key))
            {
                case null or YamlScalarNode:
                    fields.Add(new StepField(key, WorkflowYamlDocument.Scalar(step, key) ?? ""));
                    break;
                case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                    fields.Add(new StepField(key, string.Join(", ", list.Children.Cast<YamlScalarNode>().Select(c => c.Value)), IsList: true));
                    break;
                case YamlMappingNode nested when key is "timeout" or "timer":
                    var nestedKeys = key == "timeout" ? WorkflowFormat.TimeoutKeys : WorkflowFormat.TimerKeys;
                    fields.AddRange(nestedKeys.Select(k => new StepField($"{key}.{k}", WorkflowYamlDocument.Scalar(nested, k) ?? "")));
                    break;
                default:
                    break; // a mapping of values (set, data, inputs) or a list of cases: edited in the YAML
            }
        }
        return new StepForm(SelectedStepId, activity, fields);
    }

    /// <summary>Writes the form's fields into the step; an empty field removes its key; a new id renames every reference to the step.</summary>
    public EditOutcome UpdateStep(string stepId, IReadOnlyList<StepField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Edit(document =>
        {
            if (document.Step(stepId) is not { } step)
            {
                return EditOutcome.Refused($"there is no step '{stepId}'");
            }
            var newId = fields.FirstOrDefault(f => f.Key == "id")?.Value.Trim() ?? stepId;
            if (newId.Length == 0)
            {
                return EditOutcome.Refused("a step needs an id");
            }
            if (newId != stepId && document.Step(newId) is not null)
            {
                return EditOutcome.Refused($"another step already has the id '{newId}'");
            }
            if (newId == WorkflowFormat.EndTarget)
            {
                return EditOutcome.Refused("'end' is not a step id: it ends the path");
            }
            foreach (var field in fields.Where(f => f.Key != "id"))
            {
                SetField(step, field);
            }
            if (newId != stepId)
            {
                WorkflowYamlDocument.Set(step, "id", new YamlScalarNode(newId));
                document.RenameReferences(stepId, newId);
                SelectedStepId = newId;
            }
            return EditOutcome.Done;
        });
    }

    /// <summary>
    /// Adds a step of <paramref name="activity"/> into the path after <paramref name="afterStepId"/> (at the end when
    /// null): the new step takes over where that step went, and that step now goes to it. The new step is selected.
    /// </summary>
    public EditOutcome AddStepAfter(string? afterStepId, string activity)
    {
        if (!StepTemplates.Activities.Contains(activity))
        {
            return EditOutcome.Refused($"steps of kind '{activity}' are added in the YAML editor; the graph adds {string.Join(", ", StepTemplates.Activities)}");
        }
        string? added = null;
        var outcome = Edit(document =>
        {
            var id = UniqueId(document, activity);
            var step = StepTemplates.Create(activity, id);
            if (afterStepId is null)
            {
                document.Steps.Add(step);
            }
            else if (document.Step(afterStepId) is not { } after)
            {
                return EditOutcome.Refused($"there is no step '{afterStepId}'");
            }
            else
            {
                var canGoOn = WorkflowYamlDocument.Activity(after) is not ("end" or "fail");
                if (canGoOn && WorkflowYamlDocument.Child(after, "then") is YamlScalarNode then && activity is not ("end" or "fail" or "if"))
                {
                    WorkflowYamlDocument.Set(step, "then", new YamlScalarNode(then.Value));
                }
                if (canGoOn && WorkflowYamlDocument.Child(after, "then") is not null)
                {
                    WorkflowYamlDocument.Set(after, "then", new YamlScalarNode(id));
                }
                document.Steps.Children.Insert(document.IndexOf(afterStepId) + 1, step);
            }
            added = id;
            return EditOutcome.Done;
        });
        if (outcome.Applied)
        {
            Select(added);
        }
        return outcome;
    }

    /// <summary>Removes a step, refusing (with who names it) while another step names it, or when it is the only step.</summary>
    public EditOutcome RemoveStep(string stepId) => Edit(document =>
    {
        if (document.Step(stepId) is not { } step)
        {
            return EditOutcome.Refused($"there is no step '{stepId}'");
        }
        var references = document.ReferencesTo(stepId);
        if (references.Count > 0)
        {
            return EditOutcome.Refused($"'{stepId}' cannot be removed while other steps go to it: {string.Join(", ", references)}");
        }
        if (document.Steps.Children.Count == 1)
        {
            return EditOutcome.Refused("a workflow needs at least one step");
        }
        document.Steps.Children.Remove(step);
        if (SelectedStepId == stepId)
        {
            SelectedStepId = null;
        }
        return EditOutcome.Done;
    });

    /// <summary>Sets <c>then</c> of <paramref name="fromStepId"/> to <paramref name="toStepId"/> (a step, or <c>end</c>).</summary>
    public EditOutcome Connect(string fromStepId, string toStepId) => Edit(document =>
    {
        if (document.Step(fromStepId) is not { } from)
        {
            return EditOutcome.Refused($"there is no step '{fromStepId}'");
        }
        if (toStepId != WorkflowFormat.EndTarget && document.Step(toStepId) is null)
        {
            return EditOutcome.Refused($"there is no step '{toStepId}'");
        }
        if (GraphNode.ActivityEndsThePath(WorkflowYamlDocument.Activity(from)))
        {
            return EditOutcome.Refused($"'{fromStepId}' ends the path: it goes nowhere");
        }
        WorkflowYamlDocument.Set(from, "then", new YamlScalarNode(toStepId));
        return EditOutcome.Done;
    });

    private EditOutcome Edit(Func<WorkflowYamlDocument, EditOutcome> change)
    {
        if (WorkflowYamlDocument.TryParse(Yaml, out var reason) is not { } document)
        {
            return EditOutcome.Refused(reason!);
        }
        var selected = SelectedStepId;
        var outcome = change(document);
        if (!outcome.Applied)
        {
            SelectedStepId = selected;
            return outcome;
        }
        Yaml = document.ToText();
        _serverProblems = [];
        Reload();
        Changed?.Invoke();
        return outcome;
    }

    private static void SetField(YamlMappingNode step, StepField field)
    {
        var value = field.Value.Trim();
        var dot = field.Key.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var outer = field.Key[..dot];
            var inner = field.Key[(dot + 1)..];
            if (WorkflowYamlDocument.Child(step, outer) is not YamlMappingNode nested)
            {
                if (value.Length == 0)
                {
                    return;
                }
                nested = new YamlMappingNode { Style = MappingStyle.Flow };
                WorkflowYamlDocument.Set(step, outer, nested);
            }
            SetValue(nested, inner, value, isList: false);
            return;
        }
        SetValue(step, field.Key, value, field.IsList);
    }

    private static void SetValue(YamlMappingNode mapping, string key, string value, bool isList)
    {
        if (value.Length == 0)
        {
            WorkflowYamlDocument.Remove(mapping, key);
        }
        else if (isList)
        {
            var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => new YamlScalarNode(v));
            WorkflowYamlDocument.Set(mapping, key, new YamlSequenceNode(items) { Style = SequenceStyle.Flow });
        }
        else
        {
            WorkflowYamlDocument.Set(mapping, key, new YamlScalarNode(value));
        }
    }

    private static string UniqueId(WorkflowYamlDocument document, string activity)
    {
        for (var n = 1; ; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"new-{activity}-{n}");
            if (document.Step(id) is null)
            {
                return id;
            }
        }
    }

    private void Reload()
    {
        var result = WorkflowValidator.Check(Yaml, DraftFile);
        _localProblems = result.Errors.Select(e => new DesignerProblem(Math.Max(1, e.At.Line), Math.Max(1, e.At.Column), e.Code, e.Message)).ToList();
        DefinitionId = result.Definition is { Id.Length: > 0 } definition ? definition.Id : DefinitionId;
        Inputs = result.Definition?.Inputs ?? Inputs;
        if (result.Definition is { Steps.Count: > 0 } readable)
        {
            Graph = WorkflowGraphModel.From(readable);
            Layout = WorkflowGraphLayout.Arrange(Graph);
            GraphIsStale = false;
        }
        else
        {
            GraphIsStale = Graph is not null;
        }
        if (SelectedStepId is not null && Graph?.Node(SelectedStepId) is null)
        {
            SelectedStepId = null;
        }
        MergeProblems();
    }

    private void MergeProblems()
    {
        Problems = _localProblems.Concat(_serverProblems).Distinct().OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        StepsWithErrors = Graph is null ? new HashSet<string>() : StepsAt(Problems.Select(p => p.Line));
    }

    /// <summary>
    /// The steps (shown on the graph) whose YAML a problem's line falls in: the last step starting at or before it.
    /// Read from the text, not the loaded definition, which leaves a step with errors out.
    /// </summary>
    private HashSet<string> StepsAt(IEnumerable<int> lines)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (WorkflowYamlDocument.TryParse(Yaml, out _) is not { } document)
        {
            return found;
        }
        var starts = document.StepMappings
            .Select(s => (Id: WorkflowYamlDocument.Scalar(s, "id"), Line: (int)s.Start.Line))
            .Where(s => s.Id is not null)
            .ToList();
        var end = document.LineAfterSteps;
        foreach (var line in lines.Where(l => l < end))
        {
            var step = starts.LastOrDefault(s => s.Line <= line);
            if (step.Id is not null && Graph!.Node(step.Id) is not null)
            {
                found.Add(step.Id);
            }
        }
        return found;
    }
}
