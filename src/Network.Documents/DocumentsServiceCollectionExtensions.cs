using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Network.Documents.Writers;

namespace Network.Documents;

public static class DocumentsServiceCollectionExtensions
{
    /// <summary>The report writers (one per format) and the registry that finds them.</summary>
    public static IServiceCollection AddReportDocuments(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportWriter, Writers.Html.HtmlReportWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportWriter, Writers.Markdown.MarkdownReportWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportWriter, Writers.Pdf.PdfReportWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportWriter, Spreadsheets.XlsxReportWriter>());
        services.TryAddSingleton<ReportWriters>();
        return services;
    }
}
