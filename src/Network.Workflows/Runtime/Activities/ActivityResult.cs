namespace Network.Workflows.Runtime;

/// <summary>
/// What an activity tells its step's <c>step-started</c> journal line: a short summary of the inputs it read (null
/// when it reads none worth naming) and its outcome (where the path went, what it now waits for).
/// </summary>
internal readonly record struct ActivityResult(string? Inputs, string Outcome);
