namespace Network.Notifications.Templates;

/// <summary>An e-mail written out: its subject (one line), its plain text and its HTML document, in one language.</summary>
public sealed record ComposedEmail(string Subject, string Text, string Html);
