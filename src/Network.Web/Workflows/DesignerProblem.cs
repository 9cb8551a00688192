namespace Network.Web.Workflows;

/// <summary>One thing wrong with the draft, where it is (1-based line and column), for the editor's markers and the graph's red outlines.</summary>
public sealed record DesignerProblem(int Line, int Column, string Code, string Message);

/// <summary>What a graph edit did: applied, or refused with the reason (and then nothing changed).</summary>
public sealed record EditOutcome(bool Applied, string? Reason)
{
    public static EditOutcome Done { get; } = new(true, null);

    public static EditOutcome Refused(string reason) => new(false, reason);
}

/// <summary>One editable field of the selected step: a YAML key (a dot for a nested one, e.g. <c>timeout.after</c>) and its text.</summary>
/// <param name="IsList">A list of step ids (<c>parallel</c>, <c>do</c>), edited as comma-separated text.</param>
public sealed record StepField(string Key, string Value, bool IsList = false);

/// <summary>The form of the selected step: its id, its <c>then</c>, and its kind's main fields.</summary>
public sealed record StepForm(string StepId, string Activity, IReadOnlyList<StepField> Fields);
