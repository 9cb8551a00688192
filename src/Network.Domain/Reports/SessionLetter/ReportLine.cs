namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// One line of the report after cleaning. <see cref="Number"/> is the 1-based line in the text as it was given,
/// so every problem points at what the user sees in their file; <see cref="Page"/> counts form feeds before it.
/// </summary>
internal readonly record struct ReportLine(int Number, string Text, int Page)
{
    public bool IsBlank => Text.Length == 0;

    public ReportLine Blanked() => this with { Text = string.Empty };
}

/// <summary>A piece of text and the line it came from, before pieces are joined into a paragraph.</summary>
internal readonly record struct TextFragment(string Text, int Line);
