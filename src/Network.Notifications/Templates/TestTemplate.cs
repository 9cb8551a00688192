namespace Network.Notifications.Templates;

/// <summary>"Send me a test e-mail": the settings work. Says for whom and when, and that there is nothing to do.</summary>
internal static class TestTemplate
{
    public static EmailContent Compose(TemplateParts parts)
    {
        var labels = parts.Labels;
        return parts.Content(
            labels["Test.Subject"],
            new Paragraph(labels["Test.Lead", parts.Tenant, labels.DateTime(parts.Email.At)]),
            parts.What(labels["Test.What"]),
            parts.Why(labels["Test.Why"]));
    }
}
