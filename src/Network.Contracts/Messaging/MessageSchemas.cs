using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;

namespace Network.Contracts.Messaging;

/// <summary>
/// The JSON Schema of every message on a tenant link, for partners that are not .NET. The copy stored next to this
/// file (<c>messages.schema.json</c>) is what they read; a test keeps it current and checks that a contract only
/// ever gains optional fields.
/// </summary>
public static class MessageSchemas
{
    /// <summary>The name of the stored schema, in this folder of the source tree and of the build output.</summary>
    public const string FileName = "messages.schema.json";

    /// <summary>The title of the schema document.</summary>
    public const string Title = "Network tenant-link messages";

    // The wire's options (camelCase, as JsonSerializerOptions.Web), except that numbers are written as numbers only:
    // Web also *reads* numbers from strings, which the exporter would describe as ["string","integer"] with a
    // pattern. The network writes integers, and a partner should send them.
    private static readonly JsonSerializerOptions SchemaOptions = new(JsonSerializerOptions.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, not HTML: keep quotes and '<' readable
    };

    // One line per message, shown as its "description". A message listed in TenantLinks needs one here.
    private static readonly Dictionary<Type, string> Descriptions = new()
    {
        [typeof(CommitmentRecorded)] = "Out: a commitment was recorded from a session's report.",
        [typeof(ProgressReported)] = "Out: progress was reported on a commitment.",
        [typeof(CommitmentStalled)] = "Out: no progress came on a commitment within its tenant's stallAfter setting.",
        [typeof(EscalationRaised)] = "Out: a workflow escalated; a rung of its ladder reached this tenant.",
        [typeof(MilestoneReached)] = "Out: a commitment reached a milestone of its workflow, such as its year-end review.",
        [typeof(TaskAssigned)] = "Out: a workflow opened a task for this tenant; answer it with CompleteTask.",
        [typeof(ReportPublished)] = "Out: a report was published: the owners' report on a commitment for the forum, a session's progress report, or the year-end review.",
        [typeof(CampaignLaunched)] = "Out: a campaign was launched.",
        [typeof(ReportProgress)] = "In: reports progress on a commitment the sending tenant owns (or is home to).",
        [typeof(CompleteTask)] = "In: answers a task a workflow opened for the sending tenant (see TaskAssigned).",
        [typeof(ExpressInterest)] = "In: the sending tenant wants to take part in a commitment it can see.",
        [typeof(AnnounceCampaignStructure)] = "In: a campaign announces its structure, releasing the commitments that wait on it.",
        [typeof(CampaignUpdated)] = "In: news from a linked campaign; workflows may start on it or wait for it.",
    };

    /// <summary>
    /// The schema document: one definition under <c>$defs</c> per message in <see cref="TenantLinks.PublishedEvents"/>
    /// and <see cref="TenantLinks.AcceptedMessages"/>, by type name in ordinal order.
    /// </summary>
    public static JsonObject Document()
    {
        var defs = new JsonObject();
        foreach (var type in TenantLinks.PublishedEvents.Concat(TenantLinks.AcceptedMessages).OrderBy(t => t.Name, StringComparer.Ordinal))
            defs.Add(type.Name, Definition(type));

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = Title,
            ["$defs"] = defs,
        };
    }

    /// <summary>The schema document as stored: indented, "\n" line ends, a final newline.</summary>
    public static string ToJson() => Document().ToJsonString(WriteOptions) + "\n";

    private static JsonObject Definition(Type type)
    {
        if (!Descriptions.TryGetValue(type, out var description))
            throw new InvalidOperationException($"{type.Name} has no description in {nameof(MessageSchemas)}.");

        // The exporter marks as required the constructor parameters without a default value, and gives nullable
        // reference types ["…","null"]. The root is a type with no nullability context, so without
        // TreatNullObliviousAsNonNullable it would be ["object","null"].
        var exported = JsonSchemaExporter.GetJsonSchemaAsNode(SchemaOptions, type,
            new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }).AsObject();

        var definition = new JsonObject { ["type"] = exported["type"]?.DeepClone(), ["description"] = description };
        foreach (var (key, value) in exported)
        {
            if (key != "type")
                definition.Add(key, value?.DeepClone());
        }
        return definition;
    }
}
