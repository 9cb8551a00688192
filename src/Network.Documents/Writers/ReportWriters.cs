namespace Network.Documents.Writers;

/// <summary>The formats a report can be written in, by name (<c>?format=</c>) and by media type (<c>Accept</c>).</summary>
public sealed class ReportWriters(IEnumerable<IReportWriter> writers)
{
    public const string DefaultFormat = "html";

    /// <summary>Not a writer: the report's data as JSON, which the API answers itself.</summary>
    public const string JsonFormat = "json";

    private readonly List<IReportWriter> _writers = writers.ToList();

    /// <summary>Every format's name, JSON included, for error messages and documentation.</summary>
    public IReadOnlyList<string> Formats => [.. _writers.Select(w => w.Format), JsonFormat];

    public IReportWriter? Find(string format) =>
        _writers.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    /// <summary>The format that answers with this media type, if any (JSON included).</summary>
    public string? FormatFor(string mediaType) =>
        string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            ? JsonFormat
            : _writers.FirstOrDefault(w => string.Equals(w.MediaType, mediaType, StringComparison.OrdinalIgnoreCase))?.Format;
}
