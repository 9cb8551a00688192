using Network.Documents.Layout;

namespace Network.Documents.Writers;

/// <summary>A report written in one format, ready to send: its bytes, media type, file name, and whether a browser shows it or saves it.</summary>
/// <param name="Inline">True for what a browser shows (HTML, PDF); false for a file to work with (Markdown, XLSX).</param>
public sealed record ReportFile(byte[] Content, string MediaType, string FileName, string Language, bool Inline)
{
    public static ReportFile Write(ReportDocument document, IReportWriter writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        using var output = new MemoryStream();
        writer.Write(document, output);
        return new ReportFile(output.ToArray(), writer.MediaType, $"{document.FileName}.{writer.Extension}", document.Language,
            writer.Format is "html" or "pdf");
    }

    /// <summary>The Content-Disposition header's value (the file name is ASCII: report file names are ids and dates).</summary>
    public string ContentDisposition => $"{(Inline ? "inline" : "attachment")}; filename=\"{FileName}\"";
}
