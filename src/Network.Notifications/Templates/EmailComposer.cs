using Network.Domain.Notifications;
using Network.Notifications.Labels;

namespace Network.Notifications.Templates;

/// <summary>
/// Writes an <see cref="OutgoingEmail"/> as its subject, plain text and HTML, in the reader's language (English when
/// the language is not one the labels exist in). One template per <see cref="EmailKinds"/> lays the e-mail out; the
/// two writers render the same layout, so both parts always say the same.
/// </summary>
public static class EmailComposer
{
    private static readonly Dictionary<string, Func<TemplateParts, EmailContent>> Templates = new(StringComparer.Ordinal)
    {
        [EmailKinds.Escalation] = EscalationTemplate.Compose,
        [EmailKinds.CheckIn] = CheckInTemplate.Compose,
        [EmailKinds.Notification] = NotificationTemplate.Compose,
        [EmailKinds.TaskAssigned] = TaskAssignedTemplate.Compose,
        [EmailKinds.TaskDueSoon] = TaskDueSoonTemplate.Compose,
        [EmailKinds.Digest] = DigestTemplate.Compose,
        [EmailKinds.Test] = TestTemplate.Compose,
    };

    /// <exception cref="ArgumentException">The kind has no template: a bug upstream, not something to send anyway.</exception>
    public static ComposedEmail Compose(OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Kind is null || !Templates.TryGetValue(email.Kind, out var template))
        {
            throw new ArgumentException($"No e-mail template for the kind '{email.Kind}'.", nameof(email));
        }
        var content = template(new TemplateParts(email, EmailLabels.For(email.Language)));
        return new ComposedEmail(content.Subject, PlainTextEmailWriter.Write(content), HtmlEmailWriter.Write(content));
    }
}
