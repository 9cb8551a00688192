namespace Network.Notifications.Templates;

/// <summary>A notification: the workflow's message, and the commitment it concerns when there is one.</summary>
internal static class NotificationTemplate
{
    public static EmailContent Compose(TemplateParts parts)
    {
        var labels = parts.Labels;
        var email = parts.Email;
        var message = UserText.Shorten(email.Message, 70);
        var subject = email.Commitment is not null ? labels["Notification.Subject.About", parts.CommitmentInSubject]
            : message.Length > 0 ? labels["Notification.Subject.Message", message]
            : labels["Notification.Subject.Plain"];
        var link = parts.CommitmentLink();
        return parts.Content(
            subject,
            new Paragraph(labels["Notification.Lead"]),
            parts.Message(),
            parts.CommitmentFacts(email.Commitment),
            parts.What(labels[link is null ? "Notification.WhatNoLink" : "Notification.What"]),
            link,
            parts.Why(labels["Notification.Why", parts.Tenant]));
    }
}
