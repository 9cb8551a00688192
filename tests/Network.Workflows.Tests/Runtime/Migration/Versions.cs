using Network.Workflows.Definitions;
using Network.Workflows.Runtime;
using Network.Workflows.Runtime.Migration;
using Network.Workflows.Validation;

namespace Network.Workflows.Tests.Runtime.Migration;

/// <summary>Versions of a workflow as their YAML files declare them, and the short forms the migration tests share.</summary>
internal static class Versions
{
    public static readonly IReadOnlyDictionary<string, string> NoMapping = new Dictionary<string, string>();

    /// <summary>Loads and validates a definition: a version that would not be published is no test of a migration to it.</summary>
    public static WorkflowDefinition Load(string yaml)
    {
        var result = WorkflowValidator.Check(yaml, "w.yaml");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!;
    }

    public static IReadOnlyDictionary<string, string> Mapping(params (string From, string To)[] entries) =>
        entries.ToDictionary(e => e.From, e => e.To);

    /// <summary>The migrated state, after checking that the migration succeeded and the state it was given did not change.</summary>
    public static WorkflowInstanceState MigrateOk(WorkflowDefinition from, WorkflowDefinition to, WorkflowInstanceState state,
        IReadOnlyDictionary<string, string> mapping, DateTimeOffset now)
    {
        var before = WorkflowStateJson.Serialize(state);
        var result = WorkflowMigration.Migrate(from, to, state, mapping, now);
        Assert.Equal(before, WorkflowStateJson.Serialize(state));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Empty(result.Errors);
        Assert.NotSame(state, result.State);
        return result.State;
    }

    /// <summary>The errors of a migration that failed, after checking that it gave no state and left the one it was given as it was.</summary>
    public static IReadOnlyList<MigrationError> MigrateFails(WorkflowDefinition from, WorkflowDefinition to, WorkflowInstanceState state,
        IReadOnlyDictionary<string, string> mapping, DateTimeOffset now)
    {
        var before = WorkflowStateJson.Serialize(state);
        var result = WorkflowMigration.Migrate(from, to, state, mapping, now);
        Assert.Equal(before, WorkflowStateJson.Serialize(state));
        Assert.False(result.Succeeded);
        Assert.Null(result.State);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }
}
