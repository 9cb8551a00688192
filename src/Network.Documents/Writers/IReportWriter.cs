using Network.Documents.Layout;

namespace Network.Documents.Writers;

/// <summary>Writes a <see cref="ReportDocument"/> in one format.</summary>
public interface IReportWriter
{
    /// <summary>The format's name in <c>?format=</c>: html, md, pdf or xlsx.</summary>
    string Format { get; }

    /// <summary>The media type answered, and matched against <c>Accept</c>.</summary>
    string MediaType { get; }

    /// <summary>The file extension of a download, without the dot.</summary>
    string Extension { get; }

    void Write(ReportDocument document, Stream output);
}
