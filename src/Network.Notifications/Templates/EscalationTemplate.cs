namespace Network.Notifications.Templates;

/// <summary>
/// An escalation, by its rung: level 1 asks the owners where the commitment stands, level 2 asks the tenant's
/// coordinator to chase owners who did not answer, level 3 hands it to the network's coordinator or chair. The subject
/// names the rung in words, so the reader sees at a glance how far it has gone.
/// </summary>
internal static class EscalationTemplate
{
    public static EmailContent Compose(TemplateParts parts)
    {
        // The ladder has three rungs; a missing or odd level is read as the nearest one rather than refused, so the
        // e-mail still goes out.
        var level = Math.Clamp(parts.Email.Level ?? 1, 1, 3);
        var labels = parts.Labels;
        var silence = parts.Silence(parts.Email.DaysSilent);
        var prefix = "Escalation" + level.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var subject = level == 1
            ? labels[prefix + ".Subject", parts.CommitmentInSubject, silence]
            : labels[prefix + ".Subject", parts.CommitmentInSubject];
        var why = level == 2 ? labels[prefix + ".Why", parts.Tenant] : labels[prefix + ".Why", silence];
        return parts.Content(
            subject,
            new Paragraph(labels[prefix + ".Lead", silence]),
            parts.CommitmentFacts(parts.Email.Commitment),
            parts.Message(),
            parts.What(labels[prefix + ".What"]),
            parts.CommitmentLink(),
            parts.Why(why));
    }
}
