namespace Network.Workflows.Runtime.Migration;

/// <summary>
/// Why an instance cannot be moved to another version: a stable code from <see cref="MigrationErrorCodes"/>, the step
/// of the instance's version it concerns (null when it concerns the instance as a whole), and a message naming it.
/// </summary>
public sealed record MigrationError(string Code, string? StepId, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The stable codes of <see cref="MigrationError"/>. Tools and tests match on these; the messages may be reworded.</summary>
public static class MigrationErrorCodes
{
    /// <summary>The definitions are not the instance's workflow, or the one to migrate from is not the version it runs.</summary>
    public const string WrongDefinition = "wrong-definition";

    /// <summary>The target version is the one the instance already runs.</summary>
    public const string SameVersion = "same-version";

    /// <summary>The instance has completed, failed or been cancelled: nothing of it runs any more.</summary>
    public const string InstanceEnded = "instance-ended";

    /// <summary>A mapping entry names a step the instance's version does not have (usually a typo).</summary>
    public const string UnknownSource = "unknown-source";

    /// <summary>A mapping entry leads to a step the target version does not have.</summary>
    public const string UnknownTarget = "unknown-target";

    /// <summary>A step the instance refers to has no mapping entry, and the target version has no step of that id.</summary>
    public const string UnmappedStep = "unmapped-step";

    /// <summary>
    /// A step the instance waits at (or a <c>do</c> or <c>loop</c> it is inside) maps to a step that could not take
    /// over that wait or scope: another activity, another event, a <c>parallel</c> with another number of branches, …
    /// </summary>
    public const string IncompatibleStep = "incompatible-step";

    /// <summary>The initial value of a variable new in the target version could not be evaluated.</summary>
    public const string InvalidVariable = "invalid-variable";
}
