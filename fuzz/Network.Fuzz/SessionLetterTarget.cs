using System.Text.Json;
using Network.Domain.ReadModel;
using Network.Domain.Reports;
using Network.Domain.Sessions;

namespace Network.Fuzz;

/// <summary>
/// The session-letter parser: any text is read or refused with a <see cref="ReportFormatException"/> listing its
/// problems; what is read goes through the structured form (the JSON the API exports) and back unchanged.
/// </summary>
internal static class SessionLetterTarget
{
    private static readonly TenantListRow[] Subtree =
    [
        new("network", "network", "GFMD Civil Society", "network", [], StateVersion: 1),
        new("network/tmp", "tmp", "Transnational Migrant Platform", "platform", ["TMP"], StateVersion: 1),
        new("network/ici", "ici", "Immigrant Council of Ireland", "organisation", [], StateVersion: 1),
    ];

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    public static void Run(string text)
    {
        ParsedSessionReport report;
        try
        {
            report = SessionReportParser.Parse(text);
        }
        catch (ReportFormatException e) when (e.Problems.Count > 0)
        {
            return;
        }
        if (report.Periods.Count == 0 || report.Periods.Any(p => p.Commitments.Count == 0) || report.PriorityMessages.Count == 0 || report.Reflections.Count == 0)
        {
            throw new InvalidOperationException("a report was read with a required part empty");
        }
        var json = Export(report);
        var posted = JsonSerializer.Deserialize<Network.Contracts.Sessions.SessionResource>(json, Wire)!;
        SessionDocumentRules.Validate(posted);
        var again = Export(posted.ToParsed());
        if (again != json)
        {
            throw new InvalidOperationException($"the structured form did not survive the round trip:\n{json}\n{again}");
        }
    }

    private static string Export(ParsedSessionReport report)
    {
        var planned = SessionImporter.Plan(report, Subtree);
        return JsonSerializer.Serialize(planned.Session.ToDocument(planned.Commitments.ToDictionary(c => c.Id)), Wire);
    }
}
