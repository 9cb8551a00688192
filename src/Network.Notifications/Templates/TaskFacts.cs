namespace Network.Notifications.Templates;

/// <summary>What the task e-mails list: the task's title and due date, then the commitment it is about, if any.</summary>
internal static class TaskFacts
{
    public static FactList For(TemplateParts parts)
    {
        var labels = parts.Labels;
        var facts = new List<Fact> { new(labels["Fact.Task"], parts.TaskTitle(shorten: false)) };
        if (parts.Email.DueAt is { } due)
        {
            facts.Add(new Fact(labels["Fact.Due"], labels.DateTime(due)));
        }
        if (parts.CommitmentFacts(parts.Email.Commitment) is { } commitment)
        {
            facts.AddRange(commitment.Facts);
        }
        return new FactList(facts);
    }
}
