namespace Network.Notifications.Templates;

/// <summary>
/// An e-mail laid out once, in one language, as blocks: the templates say what it says, the writers
/// (<see cref="PlainTextEmailWriter"/>, <see cref="HtmlEmailWriter"/>) how each format shows it, so the two parts of a
/// message never say different things. Texts here are plain: the writers escape them.
/// </summary>
/// <param name="Colon">How the language puts a label before its value (":" or French " :").</param>
internal sealed record EmailContent(
    string Language,
    string Subject,
    string Greeting,
    IReadOnlyList<EmailBlock> Body,
    EmailFooter Footer,
    string Colon);

internal abstract record EmailBlock;

/// <summary>A paragraph of the e-mail's own words or a partner's text; a line break in it is kept.</summary>
internal sealed record Paragraph(string Text) : EmailBlock;

/// <summary>A paragraph that starts with a label in bold: "What to do: …".</summary>
internal sealed record LabelledParagraph(string Label, string Text) : EmailBlock;

/// <summary>Someone's own words (the workflow's message), set apart from the e-mail's.</summary>
internal sealed record Quotation(string Label, string Text) : EmailBlock;

/// <summary>Label and value pairs: what the e-mail is about (commitment, session, reference, task, due date).</summary>
internal sealed record FactList(IReadOnlyList<Fact> Facts) : EmailBlock;

internal sealed record Fact(string Label, string Value);

/// <summary>The link the reader acts on. Only built with an address <see cref="WebLink.Safe"/> kept.</summary>
internal sealed record ActionLink(string Label, string Address) : EmailBlock;

/// <summary>A titled group of blocks: one line of a digest.</summary>
internal sealed record Section(string Heading, IReadOnlyList<EmailBlock> Blocks) : EmailBlock;

/// <summary>Which organisation the e-mail is for, and the way to stop it when there is one.</summary>
internal sealed record EmailFooter(string Sender, ActionLink? Unsubscribe);
