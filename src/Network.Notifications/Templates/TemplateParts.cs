using Network.Domain.Notifications;
using Network.Notifications.Labels;

namespace Network.Notifications.Templates;

/// <summary>
/// What every template says the same way, from one <see cref="OutgoingEmail"/> in its reader's language: the greeting,
/// the commitment it is about, how long it has been silent, the workflow's message, the links and the footer.
/// </summary>
internal sealed class TemplateParts(OutgoingEmail email, EmailLabels labels)
{
    /// <summary>How much of a commitment's or task's text a subject quotes: enough to recognise it, short enough for a phone.</summary>
    private const int SubjectQuote = 60;

    public OutgoingEmail Email { get; } = email;

    public EmailLabels Labels { get; } = labels;

    /// <summary>The organisation the e-mail is for, as one line.</summary>
    public string Tenant => UserText.SingleLine(Email.TenantName);

    /// <summary>The commitment as a subject names it: its text shortened and quoted, or "a commitment".</summary>
    public string CommitmentInSubject => Email.Commitment is { } commitment && UserText.SingleLine(commitment.Text).Length > 0
        ? Labels.Quote(UserText.Shorten(commitment.Text, SubjectQuote))
        : Labels["ACommitment"];

    /// <summary>The task's title for a subject or a sentence, shortened; "a task" when it has none.</summary>
    public string TaskTitle(bool shorten) => UserText.SingleLine(Email.TaskTitle).Length > 0
        ? (shorten ? UserText.Shorten(Email.TaskTitle, SubjectQuote) : UserText.SingleLine(Email.TaskTitle))
        : Labels["Task.Untitled"];

    /// <summary>"for 45 days" (as the language says it), or "for some time" when the days are not known.</summary>
    public string Silence(int? days) => days is >= 0 and var known
        ? Labels["Silence.Days", Labels.Days(known)]
        : Labels["Silence.Unknown"];

    /// <summary>The commitment's text, session, id and status; null when the e-mail is about no commitment.</summary>
    public FactList? CommitmentFacts(EmailCommitment? commitment)
    {
        if (commitment is null)
        {
            return null;
        }
        var facts = new List<Fact>();
        Add(facts, "Fact.Commitment", commitment.Text);
        Add(facts, "Fact.Session", commitment.SessionTitle);
        Add(facts, "Fact.Reference", commitment.Id);
        if (!string.IsNullOrWhiteSpace(commitment.Status))
        {
            // A status this version has no words for is shown as the domain names it rather than hidden.
            var status = UserText.SingleLine(commitment.Status);
            facts.Add(new Fact(Labels["Fact.Status"], Labels.Find("Status." + status) ?? status));
        }
        return facts.Count > 0 ? new FactList(facts) : null;
    }

    /// <summary>The workflow's own words, set apart; null when it has none.</summary>
    public Quotation? Message() => UserText.Clean(Email.Message) is { Length: > 0 } message
        ? new Quotation(Labels["Heading.Message"], message)
        : null;

    public LabelledParagraph What(string text) => new(Labels["Heading.What"], text);

    public LabelledParagraph Why(string text) => new(Labels["Heading.Why"], text);

    public ActionLink? CommitmentLink() => Link("Link.Commitment", Email.CommitmentLink);

    public ActionLink? TaskLink() => Link("Link.Task", Email.TaskLink);

    /// <summary>A link with its label, or null when the address is missing or not http(s): it is dropped, not shown.</summary>
    public ActionLink? Link(string labelKey, string? address) =>
        WebLink.Safe(address) is { } safe ? new ActionLink(Labels[labelKey], safe) : null;

    /// <summary>The e-mail with its greeting and footer; blocks that are null (a fact the e-mail lacks) are left out.</summary>
    public EmailContent Content(string subject, params EmailBlock?[] body)
    {
        var name = UserText.SingleLine(Email.To?.Name);
        return new EmailContent(
            Labels.Language,
            UserText.SingleLine(subject),
            name.Length > 0 ? Labels["Greeting", name] : Labels["Greeting.NoName"],
            [.. body.OfType<EmailBlock>()],
            new EmailFooter(Labels["Footer.For", Tenant], Link("Footer.Unsubscribe", Email.UnsubscribeLink)),
            Labels["Colon"]);
    }

    private void Add(List<Fact> facts, string labelKey, string? value)
    {
        if (UserText.SingleLine(value) is { Length: > 0 } text)
        {
            facts.Add(new Fact(Labels[labelKey], text));
        }
    }
}
