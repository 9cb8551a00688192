using Network.Domain.Notifications;

namespace Network.Notifications.Templates;

/// <summary>
/// A week's check-ins and notifications in one e-mail: the count in the subject, then one section per line, oldest
/// first, each with its date and kind, its commitment, what happened and its link.
/// </summary>
internal static class DigestTemplate
{
    public static EmailContent Compose(TemplateParts parts)
    {
        var labels = parts.Labels;
        var lines = (parts.Email.Digest ?? []).OrderBy(line => line.At).ToList();
        var body = new List<EmailBlock?>
        {
            new Paragraph(labels[lines.Count > 0 ? "Digest.Lead" : "Digest.Empty"]),
        };
        body.AddRange(lines.Select(line => Line(parts, line)));
        body.Add(parts.What(labels["Digest.What"]));
        body.Add(parts.Why(labels["Digest.Why", parts.Tenant]));
        return parts.Content(labels["Digest.Subject", labels.Count("Digest.Count", lines.Count)], [.. body]);
    }

    private static Section Line(TemplateParts parts, DigestLine line)
    {
        var labels = parts.Labels;
        // A kind this version has no heading for is still listed, as an "update".
        var kind = labels.Find("Digest.Line." + line.Kind) ?? labels["Digest.Line.Other"];
        var blocks = new List<EmailBlock>();
        if (parts.CommitmentFacts(line.Commitment) is { } facts)
        {
            blocks.Add(facts);
        }
        var said = UserText.Clean(line.Message);
        var happened = said.Length > 0 ? said
            : line.Kind == EmailKinds.CheckIn ? labels["Digest.CheckInAsk"]
            : "";
        if (line.DaysSilent is >= 0)
        {
            happened = (happened + "\n" + labels["Silence.Sentence", parts.Silence(line.DaysSilent)]).Trim('\n');
        }
        if (happened.Length > 0)
        {
            blocks.Add(new Paragraph(happened));
        }
        // A line about no commitment (a report compiled) links to whatever page it names.
        if (parts.Link(line.Commitment is null ? "Link.More" : "Link.Commitment", line.Link) is { } link)
        {
            blocks.Add(link);
        }
        return new Section(labels.Date(line.At) + " · " + kind, blocks);
    }
}
