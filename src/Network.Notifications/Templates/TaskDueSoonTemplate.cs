namespace Network.Notifications.Templates;

/// <summary>
/// A task still open close to its due date: "due in 3 days" (today, tomorrow), counted in calendar days in UTC from
/// the moment the reminder was raised; past the date it says the task is overdue.
/// </summary>
internal static class TaskDueSoonTemplate
{
    public static EmailContent Compose(TemplateParts parts)
    {
        var labels = parts.Labels;
        var email = parts.Email;
        int? days = email.DueAt is { } due ? (due.UtcDateTime.Date - email.At.UtcDateTime.Date).Days : null;
        var title = parts.TaskTitle(shorten: false);
        string subject, lead;
        if (days < 0)
        {
            subject = labels["TaskDueSoon.Subject.Overdue", parts.TaskTitle(shorten: true)];
            lead = labels["TaskDueSoon.Lead.Overdue", title];
        }
        else
        {
            var when = days switch
            {
                null => labels["DueIn.Soon"],
                0 => labels["DueIn.Today"],
                1 => labels["DueIn.Tomorrow"],
                _ => labels["DueIn.Days", labels.Days(days.Value)],
            };
            subject = labels["TaskDueSoon.Subject", when, parts.TaskTitle(shorten: true)];
            lead = labels["TaskDueSoon.Lead", when, title];
        }
        return parts.Content(
            subject,
            new Paragraph(lead),
            TaskFacts.For(parts),
            parts.Message(),
            parts.What(labels["TaskDueSoon.What"]),
            parts.TaskLink(),
            parts.CommitmentLink(),
            parts.Why(labels["TaskDueSoon.Why", parts.Tenant]));
    }
}
