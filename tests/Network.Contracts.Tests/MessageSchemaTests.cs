using System.Text.Json;
using System.Text.Json.Nodes;
using Network.Contracts.Messaging;

namespace Network.Contracts.Tests;

public sealed class MessageSchemaTests
{
    private const string WriteVariable = "NETWORK_WRITE_SCHEMA";

    private static IEnumerable<Type> AllMessages => TenantLinks.PublishedEvents.Concat(TenantLinks.AcceptedMessages);

    [Fact]
    public void The_stored_schema_is_compatible_with_the_contracts()
    {
        // The copy in the build output is the committed file as built, so regenerating the source file during this
        // run does not change what this test compares with.
        var stored = StoredCopy();
        Assert.NotEmpty(stored["$defs"]!.AsObject());

        var problems = SchemaCompatibility.Problems(stored, MessageSchemas.Document());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_stored_schema_is_up_to_date()
    {
        var generated = MessageSchemas.ToJson();
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Rewrite(generated);
            return;
        }

        var stored = File.ReadAllText(StoredCopyPath()).ReplaceLineEndings("\n");
        Assert.True(stored == generated,
            $"src/Network.Contracts/Messaging/{MessageSchemas.FileName} is not what the contracts generate. If the change " +
            $"only adds optional fields, regenerate it with `{WriteVariable}=1 dotnet test tests/Network.Contracts.Tests`, " +
            "then review and commit the file.");
    }

    [Fact]
    public void The_schema_describes_every_message_of_the_tenant_links()
    {
        var defs = MessageSchemas.Document()["$defs"]!.AsObject();
        Assert.Equal(AllMessages.Select(t => t.Name).Order(StringComparer.Ordinal), defs.Select(d => d.Key));
        Assert.Equal(13, defs.Count);

        foreach (var type in AllMessages)
        {
            Assert.True(typeof(INetworkMessage).IsAssignableFrom(type), $"{type.Name} does not implement INetworkMessage");
            var def = defs[type.Name]!.AsObject();
            Assert.Equal("object", (string?)def["type"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)def["description"]), $"{type.Name} has no description");
            var required = def["required"]!.AsArray().Select(n => (string)n!).ToList();
            Assert.True(required.Take(3).SequenceEqual(["messageId", "tenantId", "occurredAt"]),
                $"{type.Name} requires {string.Join(", ", required)}");
        }
    }

    [Fact]
    public void Optional_fields_are_not_required_and_nullable_ones_may_be_null()
    {
        var def = MessageSchemas.Document()["$defs"]!["ReportProgress"]!.AsObject();
        Assert.Equal(["messageId", "tenantId", "occurredAt", "commitmentId", "status"], def["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("string", (string?)def["properties"]!["status"]!["type"]);
        Assert.Equal(["string", "null"], def["properties"]!["note"]!["type"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("date-time", (string?)def["properties"]!["occurredAt"]!["format"]);
    }

    [Fact]
    public void A_partner_s_plain_json_message_deserializes()
    {
        // As a system that is not .NET would send it: camelCase, optional fields left out.
        const string json = """
            {"messageId":"crm-4711","tenantId":"tmp","occurredAt":"2026-11-27T12:00:00Z",
             "commitmentId":"gfmd-2016-c-3","status":"limited","note":"Two of five pilots started"}
            """;

        var message = JsonSerializer.Deserialize<ReportProgress>(json, JsonSerializerOptions.Web);

        Assert.Equal(new ReportProgress("crm-4711", "tmp", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
            "gfmd-2016-c-3", "limited", "Two of five pilots started"), message);
        Assert.Null(message!.EvidenceUrl);
    }

    [Fact]
    public void An_event_serializes_with_camel_case_names()
    {
        var reported = new ProgressReported("progress-1", "tmp", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
            "gfmd-2016-c-3", "network", "limited");

        Assert.Equal(
            """{"messageId":"progress-1","tenantId":"tmp","occurredAt":"2026-11-27T12:00:00+00:00","commitmentId":"gfmd-2016-c-3","homeTenant":"network","status":"limited","note":null}""",
            JsonSerializer.Serialize(reported, JsonSerializerOptions.Web));
    }

    // The checker itself, so that the compatibility test cannot pass by comparing nothing.

    [Fact]
    public void The_checker_accepts_the_schema_against_itself()
    {
        Assert.Empty(SchemaCompatibility.Problems(MessageSchemas.Document(), MessageSchemas.Document()));
    }

    [Fact]
    public void The_checker_reports_a_removed_message()
    {
        var stored = MessageSchemas.Document();
        stored["$defs"]!["ExpressDisinterest"] = new JsonObject { ["type"] = "object" };

        var problem = Assert.Single(SchemaCompatibility.Problems(stored, MessageSchemas.Document()));
        AssertNames(problem, "ExpressDisinterest:");
    }

    [Fact]
    public void The_checker_reports_a_removed_field()
    {
        var stored = MessageSchemas.Document();
        stored["$defs"]!["ReportProgress"]!["properties"]!["legacyCode"] = new JsonObject { ["type"] = "string" };

        var problem = Assert.Single(SchemaCompatibility.Problems(stored, MessageSchemas.Document()));
        AssertNames(problem, "ReportProgress.legacyCode:");
    }

    [Fact]
    public void The_checker_reports_a_field_that_became_required()
    {
        // Stored: status was optional. Now it is required.
        var stored = MessageSchemas.Document();
        var required = stored["$defs"]!["ReportProgress"]!["required"]!.AsArray();
        required.Remove(required.Single(n => (string?)n == "status"));

        var problem = Assert.Single(SchemaCompatibility.Problems(stored, MessageSchemas.Document()));
        AssertNames(problem, "ReportProgress.status:");
    }

    [Fact]
    public void The_checker_reports_a_new_required_field()
    {
        // Stored: no commitmentId at all. Now it is there, and required.
        var stored = MessageSchemas.Document();
        var def = stored["$defs"]!["ExpressInterest"]!;
        def["properties"]!.AsObject().Remove("commitmentId");
        var required = def["required"]!.AsArray();
        required.Remove(required.Single(n => (string?)n == "commitmentId"));

        var problem = Assert.Single(SchemaCompatibility.Problems(stored, MessageSchemas.Document()));
        AssertNames(problem, "ExpressInterest.commitmentId:");
    }

    [Fact]
    public void The_checker_reports_a_field_that_is_no_longer_required()
    {
        // Stored: a field required that the contract now leaves optional; a reader relying on it would miss it.
        var stored = MessageSchemas.Document();
        stored["$defs"]!["ProgressReported"]!["required"]!.AsArray().Add("note");

        var problem = Assert.Single(SchemaCompatibility.Problems(stored, MessageSchemas.Document()));
        AssertNames(problem, "ProgressReported.note:");
    }

    [Fact]
    public void The_checker_reports_a_changed_type()
    {
        var stored = MessageSchemas.Document();
        stored["$defs"]!["CommitmentStalled"]!["properties"]!["stalls"]!["type"] = "string";

        var problem = Assert.Single(SchemaCompatibility.Problems(stored, MessageSchemas.Document()));
        AssertNames(problem, "CommitmentStalled.stalls:");
        Assert.Contains("from [string] to [integer]", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"string"}""", """{"type":["string","null"]}""", null)] // gains null: wider
    [InlineData("""{"type":"string"}""", """{}""", null)] // any JSON value: wider
    [InlineData("""{"type":"string","format":"date-time"}""", """{"type":"string"}""", null)] // any string: wider
    [InlineData("""{"type":["string","null"]}""", """{"type":"string"}""", "from [null,string] to [string]")]
    [InlineData("""{}""", """{"type":"object"}""", "from any to [object]")]
    [InlineData("""{"type":"string"}""", """{"type":"string","format":"uri"}""", "format changed from none to uri")]
    [InlineData("""{"type":"array","items":{"type":"string"}}""", """{"type":"array","items":{"type":"integer"}}""", "Ping.data[]:")]
    public void The_checker_lets_a_type_only_widen(string storedField, string currentField, string? expected)
    {
        static JsonObject Schema(string field) => JsonNode.Parse(
            """{"$defs":{"Ping":{"type":"object","properties":{"messageId":{"type":"string"},"data":""" + field +
            """},"required":["messageId"]}}}""")!.AsObject();

        var problems = SchemaCompatibility.Problems(Schema(storedField), Schema(currentField));

        if (expected is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            var problem = Assert.Single(problems);
            AssertNames(problem, "Ping.data");
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_checker_accepts_a_new_optional_field()
    {
        var stored = MessageSchemas.Document();
        stored["$defs"]!["ReportProgress"]!["properties"]!.AsObject().Remove("evidenceUrl");

        Assert.Empty(SchemaCompatibility.Problems(stored, MessageSchemas.Document()));
    }

    private static void AssertNames(string problem, string messageAndField)
    {
        Assert.StartsWith(messageAndField, problem, StringComparison.Ordinal);
        Assert.EndsWith(SchemaCompatibility.Rule, problem, StringComparison.Ordinal);
        Assert.Equal("a contract may only gain optional fields", SchemaCompatibility.Rule);
    }

    private static string StoredCopyPath() => Path.Combine(AppContext.BaseDirectory, "Messaging", MessageSchemas.FileName);

    private static JsonObject StoredCopy() => JsonNode.Parse(File.ReadAllText(StoredCopyPath()))!.AsObject();

    /// <summary>Rewrites the source tree's copy, but only when the change is compatible with what it held.</summary>
    private static void Rewrite(string generated)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Network.sln")))
            directory = directory.Parent;
        Assert.True(directory is not null, $"No Network.sln above {AppContext.BaseDirectory}; cannot find the source tree.");

        var path = Path.Combine(directory.FullName, "src", "Network.Contracts", "Messaging", MessageSchemas.FileName);
        if (File.Exists(path))
        {
            var problems = SchemaCompatibility.Problems(JsonNode.Parse(File.ReadAllText(path))!.AsObject(), MessageSchemas.Document());
            Assert.True(problems.Count == 0, $"{path} was not rewritten:\n" + string.Join("\n", problems));
        }
        File.WriteAllText(path, generated);
    }
}
