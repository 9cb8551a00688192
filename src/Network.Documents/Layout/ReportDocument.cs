namespace Network.Documents.Layout;

/// <summary>
/// A report laid out once, in one language, as blocks every writer understands: the HTML, Markdown and PDF writers
/// render the same blocks, so the three formats say the same thing; the XLSX writer writes <see cref="Sheet"/>, one
/// row per commitment.
/// </summary>
/// <param name="Title">The report's title: the page title, the first heading, and the PDF's footer.</param>
/// <param name="Language">The language of the labels (en, fr or es); the partners' own text stays as written.</param>
/// <param name="FileName">A file name without extension for downloads (e.g. <c>gfmd-2016-c-progress-report</c>).</param>
public sealed record ReportDocument(
    string Title,
    string? Subtitle,
    string Language,
    string FileName,
    IReadOnlyList<Block> Blocks,
    DataSheet Sheet);

/// <summary>One part of a report's body.</summary>
public abstract record Block;

/// <summary>A heading; level 1 is the report's sections, 2 and 3 go deeper.</summary>
public sealed record Heading(int Level, string Text) : Block;

public sealed record Paragraph(IReadOnlyList<Inline> Content) : Block
{
    public Paragraph(params Inline[] content) : this((IReadOnlyList<Inline>)content) { }
}

/// <summary>Label and value pairs, such as a commitment's "Who", "Due" and "Status".</summary>
public sealed record FieldList(IReadOnlyList<Field> Fields) : Block;

public sealed record Field(string Label, IReadOnlyList<Inline> Value);

public sealed record BulletList(IReadOnlyList<IReadOnlyList<Inline>> Items) : Block;

/// <summary>
/// A table; a long one breaks across PDF pages with its header row repeated. Each row has one cell per column.
/// </summary>
public sealed record Table(IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows) : Block;

/// <param name="Weight">The column's share of the width, relative to the others.</param>
public sealed record Column(string Title, double Weight = 1, ColumnAlign Align = ColumnAlign.Left);

public enum ColumnAlign
{
    Left,
    Right,
}

public sealed record Cell(IReadOnlyList<Inline> Content)
{
    public static Cell Of(string text) => new([new Text(text)]);

    public static Cell Of(params Inline[] content) => new(content);
}

/// <summary>Where a printed report starts a new page (between periods).</summary>
public sealed record PageBreak : Block;

/// <summary>A run of text inside a block.</summary>
public abstract record Inline;

/// <param name="Strong">Shown in bold.</param>
public sealed record Text(string Value, bool Strong = false) : Inline;

/// <summary>A link; only ever made for http and https addresses (<see cref="Links"/>).</summary>
public sealed record Link(string Label, Uri Href) : Inline;

/// <summary>A commitment status, shown as a coloured tag in HTML and in bold elsewhere.</summary>
/// <param name="Status">The status code (e.g. <c>stalled</c>), for the colour.</param>
/// <param name="Label">The status name in the report's language.</param>
public sealed record StatusTag(string Status, string Label) : Inline;

/// <summary>The rule for links in reports: kept only when http or https, otherwise shown as plain text.</summary>
public static class Links
{
    public static Inline LinkOrText(string? label, string? address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return new Link(string.IsNullOrWhiteSpace(label) ? uri.ToString() : label, uri);
        }
        return new Text(label ?? address ?? "");
    }
}

/// <summary>One row per commitment with every field a coordinator filters on: what the XLSX writer writes.</summary>
/// <param name="Name">The worksheet's name (at most 31 characters).</param>
/// <param name="Columns">Column titles in the report's language.</param>
/// <param name="Rows">Each row's values, one per column: string, int, DateOnly, DateTimeOffset or null.</param>
public sealed record DataSheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
