namespace Network.Notifications.Templates;

/// <summary>A task handed to the reader's organisation: its title, its due date, and the link that opens its form.</summary>
internal static class TaskAssignedTemplate
{
    public static EmailContent Compose(TemplateParts parts)
    {
        var labels = parts.Labels;
        var email = parts.Email;
        var what = email.DueAt is { } due
            ? labels["TaskAssigned.WhatDue", labels.DateTime(due)]
            : labels["TaskAssigned.What"];
        return parts.Content(
            labels["TaskAssigned.Subject", parts.TaskTitle(shorten: true)],
            new Paragraph(labels["TaskAssigned.Lead", parts.TaskTitle(shorten: false)]),
            TaskFacts.For(parts),
            parts.Message(),
            parts.What(what),
            parts.TaskLink(),
            parts.CommitmentLink(),
            parts.Why(labels["TaskAssigned.Why", parts.Tenant]));
    }
}
