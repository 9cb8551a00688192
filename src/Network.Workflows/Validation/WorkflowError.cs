using Network.Workflows.Definitions;

namespace Network.Workflows.Validation;

/// <summary>
/// One problem in a definition file: where it is (file, 1-based line and column), a stable code from
/// <see cref="WorkflowErrorCodes"/>, and a message a coordinator can act on.
/// </summary>
public sealed record WorkflowError(SourceSpan At, string Code, string Message)
{
    /// <summary>The compiler-style form editors and terminals understand: <c>file:line:column: code: message</c>.</summary>
    public override string ToString() => $"{At}: {Code}: {Message}";

    internal static int Compare(WorkflowError? a, WorkflowError? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }
        if (a is null)
        {
            return -1;
        }
        if (b is null)
        {
            return 1;
        }
        var byFile = string.CompareOrdinal(a.At.File, b.At.File);
        if (byFile != 0)
        {
            return byFile;
        }
        var byLine = a.At.Line.CompareTo(b.At.Line);
        return byLine != 0 ? byLine : a.At.Column.CompareTo(b.At.Column);
    }
}

/// <summary>
/// The stable codes of <see cref="WorkflowError"/>. Tools and tests match on these; the messages may be reworded.
/// </summary>
public static class WorkflowErrorCodes
{
    // Reading the file (WorkflowLoader).

    /// <summary>The file could not be read (missing, no permission).</summary>
    public const string UnreadableFile = "unreadable-file";

    /// <summary>The file is not well-formed YAML (YamlDotNet's own message and position).</summary>
    public const string YamlSyntax = "yaml-syntax";

    /// <summary>The file has no document, or more than one.</summary>
    public const string EmptyFile = "empty-file";

    /// <summary>A second YAML document (<c>---</c>) in one file: one file holds one workflow.</summary>
    public const string MultipleDocuments = "multiple-documents";

    /// <summary>A required key is missing (id, version, title, steps, a step's id, an activity's required key).</summary>
    public const string MissingKey = "missing-key";

    /// <summary>A key the format does not know, at any level; usually a typo, and a typo is never ignored.</summary>
    public const string UnknownKey = "unknown-key";

    /// <summary>A value of the wrong kind: a list where text was expected, text where a number was expected, …</summary>
    public const string WrongType = "wrong-type";

    /// <summary>A value of the right kind that the format does not accept (a version of 0, <c>join: some</c>, …).</summary>
    public const string InvalidValue = "invalid-value";

    /// <summary>A step with no activity keyword.</summary>
    public const string MissingActivity = "missing-activity";

    /// <summary>A step whose activity keyword is not one the engine knows (usually misspelt).</summary>
    public const string UnknownActivity = "unknown-activity";

    /// <summary>A step with two or more activity keywords: a step does one thing.</summary>
    public const string MultipleActivities = "multiple-activities";

    // Checking the definition (WorkflowValidator).

    /// <summary>Two steps with the same id.</summary>
    public const string DuplicateStepId = "duplicate-step-id";

    /// <summary>A step whose id is a word with a meaning in transitions (<c>end</c>).</summary>
    public const string ReservedStepId = "reserved-step-id";

    /// <summary>A transition (then, else, default, a case, a branch, a do list, a loop body, a timeout) to no step.</summary>
    public const string DanglingTransition = "dangling-transition";

    /// <summary>A step that no path from the first step reaches.</summary>
    public const string UnreachableStep = "unreachable-step";

    /// <summary>A <c>wait-for</c> with no <c>where</c>: without a correlation it would take any instance's event.</summary>
    public const string MissingCorrelation = "missing-correlation";

    /// <summary>A duration that is neither ISO 8601 nor an expression that can give one.</summary>
    public const string InvalidDuration = "invalid-duration";

    /// <summary>A date written bare (<c>2017-03-21</c>), which JavaScript would read as a subtraction.</summary>
    public const string InvalidDate = "invalid-date";

    /// <summary>A cron schedule Cronos does not accept (five fields, UTC).</summary>
    public const string InvalidCron = "invalid-cron";

    /// <summary>A timer with none, or more than one, of <c>after</c>, <c>until</c> and <c>cron</c>.</summary>
    public const string InvalidTimer = "invalid-timer";

    /// <summary>An expression that is not valid JavaScript; the position is that of the error inside the file.</summary>
    public const string ExpressionSyntax = "expression-syntax";

    /// <summary>A <c>loop</c> with no <c>max</c>, or a <c>max</c> below 1.</summary>
    public const string LoopWithoutLimit = "loop-without-limit";

    /// <summary>A <c>join: n</c> with n larger than the number of branches (or below 1).</summary>
    public const string JoinExceedsBranches = "join-exceeds-branches";

    /// <summary>An empty <c>do</c>, <c>parallel</c>, <c>switch</c> or <c>set</c>.</summary>
    public const string EmptyActivity = "empty-activity";

    /// <summary><c>settings.x</c> where the definition declares no setting <c>x</c>.</summary>
    public const string UndeclaredSetting = "undeclared-setting";

    /// <summary><c>input.x</c> (or a trigger input <c>x</c>) where <c>inputs</c> does not list <c>x</c>.</summary>
    public const string UndeclaredInput = "undeclared-input";

    // Checking a directory (WorkflowCatalog).

    /// <summary>Two files with the same workflow id and version.</summary>
    public const string DuplicateWorkflow = "duplicate-workflow";

    // Publishing to a tenant (WorkflowPublishCheck).

    /// <summary>A <c>call</c> names a workflow that the tenant publishing the definition cannot run.</summary>
    public const string UnknownWorkflow = "unknown-workflow";
}
