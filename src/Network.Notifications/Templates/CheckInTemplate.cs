namespace Network.Notifications.Templates;

/// <summary>The monthly check-in: how is the commitment going? Report progress, even a little.</summary>
internal static class CheckInTemplate
{
    public static EmailContent Compose(TemplateParts parts)
    {
        var labels = parts.Labels;
        var lead = labels["CheckIn.Lead"];
        if (parts.Email.DaysSilent is >= 0)
        {
            lead += " " + labels["Silence.Sentence", parts.Silence(parts.Email.DaysSilent)];
        }
        return parts.Content(
            labels["CheckIn.Subject", parts.CommitmentInSubject],
            new Paragraph(lead),
            parts.CommitmentFacts(parts.Email.Commitment),
            parts.Message(),
            parts.What(labels["CheckIn.What"]),
            parts.CommitmentLink(),
            parts.Why(labels["CheckIn.Why", parts.Tenant]));
    }
}
