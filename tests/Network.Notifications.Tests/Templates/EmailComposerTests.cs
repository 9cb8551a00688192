using System.Text.RegularExpressions;
using Network.Domain.Notifications;
using Network.Notifications.Templates;

namespace Network.Notifications.Tests.Templates;

public class EmailComposerTests
{
    /// <summary>The plain text as one line, so a phrase is found wherever the wrapping broke it.</summary>
    private static string Unwrapped(string text) => Regex.Replace(text, @"\s*\n(> )?\s*", " ");

    public static TheoryData<string, string> KindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in EmailKinds.All)
        {
            foreach (var language in new[] { "en", "fr", "es" })
            {
                data.Add(kind, language);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void Every_kind_is_written_in_every_language_with_the_tenant_and_the_unsubscribe_link(string kind, string language)
    {
        var composed = EmailComposer.Compose(Samples.Email(kind, language));

        Assert.False(string.IsNullOrWhiteSpace(composed.Subject));
        Assert.DoesNotContain('\n', composed.Subject);
        Assert.Contains("Migrant Rights Network", Unwrapped(composed.Text));
        Assert.Contains("Ana Pérez", composed.Text);
        Assert.Contains("https://network.example.org/unsubscribe?token=abc123", composed.Text);
        Assert.StartsWith("<!DOCTYPE html>", composed.Html);
        Assert.Contains($"<html lang=\"{language}\">", composed.Html);
        Assert.Contains("Migrant Rights Network", composed.Html);
        Assert.Contains("href=\"https://network.example.org/unsubscribe?token=abc123\"", composed.Html);
        // Self-contained: nothing for a mail client to load or run.
        foreach (var loads in new[] { "<script", "<link", "<img", "<iframe", "src=", "url(", "@import" })
        {
            Assert.DoesNotContain(loads, composed.Html, StringComparison.OrdinalIgnoreCase);
        }
        if (kind != EmailKinds.Test)
        {
            // Every e-mail but the settings test is about a commitment here, and names it.
            Assert.Contains("c-2016-C-07", composed.Text);
            Assert.Contains("Publish a joint report on labour migration corridors", Unwrapped(composed.Text));
            Assert.Contains("https://network.example.org/commitments/c-2016-C-07", composed.Text);
        }
    }

    [Theory]
    [InlineData("en", 1, "Reminder: no progress on “Publish a joint report", "for 45 days", "first reminder")]
    [InlineData("en", 2, "Second reminder: “Publish a joint report", "have not answered the first reminder", "second reminder")]
    [InlineData("en", 3, "Third reminder – for the chair: “Publish a joint report", "The chair should follow it up", "third reminder")]
    [InlineData("fr", 1, "Rappel\u00a0: aucun progrès sur «\u00a0Publish a joint report", "depuis 45 jours", "premier rappel")]
    [InlineData("fr", 2, "Deuxième rappel\u00a0: «\u00a0Publish", "n’ont pas répondu au premier rappel", "deuxième rappel")]
    [InlineData("fr", 3, "Troisième rappel – à l’attention de la présidence", "Il revient à la présidence d’en assurer le suivi", "troisième rappel")]
    [InlineData("es", 1, "Recordatorio: sin avances en «Publish a joint report", "desde hace 45 días", "primer recordatorio")]
    [InlineData("es", 2, "Segundo recordatorio: «Publish", "no han respondido al primer recordatorio", "segundo recordatorio")]
    [InlineData("es", 3, "Tercer recordatorio – para la presidencia", "Corresponde a la presidencia hacer el seguimiento", "tercer recordatorio")]
    public void An_escalation_says_its_level_in_words_why_it_came_and_what_to_do(string language, int level, string subjectStart, string inBody, string rung)
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.Escalation, language) with { Level = level });

        Assert.StartsWith(subjectStart, composed.Subject);
        Assert.Contains(inBody, Unwrapped(composed.Text));
        Assert.Contains(rung, Unwrapped(composed.Text));
        Assert.Contains("Session C: Migration and development", composed.Text);
        Assert.Contains("45", composed.Text);
    }

    [Fact]
    public void The_first_escalation_gives_the_days_in_the_subject_and_the_workflows_message_in_the_body()
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.Escalation) with { Message = "Please update the commitment before the forum." });

        Assert.EndsWith("for 45 days", composed.Subject);
        Assert.Contains("> Please update the commitment before the forum.", composed.Text);
        Assert.Contains("Stalled", composed.Text);
        Assert.Contains("Open the commitment:\nhttps://network.example.org/commitments/c-2016-C-07\n", composed.Text);
    }

    [Fact]
    public void An_escalation_without_days_or_commitment_still_reads()
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.Escalation) with { DaysSilent = null, Commitment = null, Level = null });

        Assert.Equal("Reminder: no progress on a commitment for some time", composed.Subject);
        Assert.DoesNotContain("{", composed.Text);
    }

    [Theory]
    [InlineData("en", "Monthly check-in: how is “Publish", "even a little")]
    [InlineData("fr", "Point mensuel\u00a0: où en est «\u00a0Publish", "même brièvement")]
    [InlineData("es", "Seguimiento mensual: ¿cómo avanza «Publish", "aunque sean pocos")]
    public void A_check_in_asks_how_it_is_going(string language, string subjectStart, string inBody)
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.CheckIn, language));

        Assert.StartsWith(subjectStart, composed.Subject);
        Assert.Contains(inBody, Unwrapped(composed.Text));
    }

    [Fact]
    public void A_notification_carries_the_workflows_message()
    {
        var email = Samples.Email(EmailKinds.Notification) with { Commitment = null, CommitmentLink = null, Message = "The session report for Session C was compiled.\nIt is on the Reports page." };

        var composed = EmailComposer.Compose(email);

        Assert.Equal("Network: The session report for Session C was compiled. It is on the Reports…", composed.Subject);
        Assert.Contains("> The session report for Session C was compiled.\n> It is on the Reports page.", composed.Text);
        Assert.Contains("The session report for Session C was compiled.<br>\nIt is on the Reports page.", composed.Html);
    }

    [Theory]
    [InlineData("en", "New task: Forum report for Session C", "by 15 March 2026, 17:00 UTC")]
    [InlineData("fr", "Nouvelle tâche\u00a0: Forum report for Session C", "d’ici le 15 mars 2026 à 17:00 UTC")]
    [InlineData("es", "Nueva tarea: Forum report for Session C", "antes del 15 de marzo de 2026, 17:00 UTC")]
    public void A_task_assigned_gives_its_title_due_date_in_the_readers_language_and_the_link_to_its_form(string language, string subject, string due)
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.TaskAssigned, language));

        Assert.Equal(subject, composed.Subject);
        Assert.Contains(due, Unwrapped(composed.Text));
        Assert.Contains("https://network.example.org/tasks/t-42", composed.Text);
        Assert.Contains("href=\"https://network.example.org/tasks/t-42\"", composed.Html);
    }

    [Theory]
    [InlineData("en", 3, "Task due in 3 days: Forum report for Session C")]
    [InlineData("fr", 3, "Tâche à rendre dans 3 jours\u00a0: Forum report for Session C")]
    [InlineData("es", 3, "Tarea que vence dentro de 3 días: Forum report for Session C")]
    [InlineData("en", 1, "Task due tomorrow: Forum report for Session C")]
    [InlineData("en", 0, "Task due today: Forum report for Session C")]
    [InlineData("en", -2, "Task overdue: Forum report for Session C")]
    public void A_task_due_soon_says_in_how_many_days(string language, int days, string subject)
    {
        var email = Samples.Email(EmailKinds.TaskDueSoon, language) with { DueAt = Samples.At.AddDays(days) };

        var composed = EmailComposer.Compose(email);

        Assert.Equal(subject, composed.Subject);
        Assert.Contains("https://network.example.org/tasks/t-42", composed.Text);
    }

    [Theory]
    [InlineData("en", "Your weekly digest: 3 updates", "6 March 2026 · Monthly check-in")]
    [InlineData("fr", "Votre récapitulatif de la semaine\u00a0: 3 nouvelles", "6 mars 2026 · Point mensuel")]
    [InlineData("es", "Su resumen semanal: 3 novedades", "6 de marzo de 2026 · Seguimiento mensual")]
    public void A_digest_counts_its_lines_in_the_subject_and_lists_them_oldest_first_with_their_links(string language, string subject, string firstHeading)
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.Digest, language));

        Assert.Equal(subject, composed.Subject);
        var first = composed.Text.IndexOf(firstHeading, StringComparison.Ordinal);
        var second = composed.Text.IndexOf("Train 40 consular staff", StringComparison.Ordinal);
        var third = composed.Text.IndexOf("The session report for Session C was compiled.", StringComparison.Ordinal);
        Assert.True(first >= 0 && first < second && second < third, composed.Text);
        Assert.Contains("https://network.example.org/commitments/c-2016-C-09", composed.Text);
        Assert.Contains("href=\"https://network.example.org/reports/session-c\"", composed.Html);
    }

    [Fact]
    public void A_digest_of_one_line_says_one_update_and_a_line_about_no_commitment_links_to_its_page()
    {
        var email = Samples.Email(EmailKinds.Digest) with { Digest = [Samples.DigestLines[0]] };

        var composed = EmailComposer.Compose(email);

        Assert.Equal("Your weekly digest: 1 update", composed.Subject);
        Assert.Contains("10 March 2026 · Notification", composed.Text);
        Assert.Contains("Read more:\nhttps://network.example.org/reports/session-c\n", composed.Text);
        Assert.DoesNotContain("Open the commitment", composed.Text);
    }

    [Theory]
    [InlineData("en", "Network: your e-mail settings work")]
    [InlineData("fr", "Network\u00a0: vos paramètres de messagerie fonctionnent")]
    [InlineData("es", "Network: la configuración del correo funciona")]
    public void The_test_email_says_the_settings_work(string language, string subject)
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.Test, language));

        Assert.Equal(subject, composed.Subject);
        Assert.Contains("UTC", composed.Text);
    }

    [Fact]
    public void Every_piece_of_user_text_is_html_encoded()
    {
        const string Script = "<script>alert('x')</script>";
        var email = Samples.Email(EmailKinds.TaskAssigned) with
        {
            Commitment = Samples.Commitment with { Text = "Fund " + Script + " & more", SessionTitle = "<b>Session</b>" },
            Message = "<img src=x onerror=alert(1)>",
            TaskTitle = "Report \"now\" " + Script,
            TenantName = "Network <i>of</i> networks",
            To = new EmailRecipient("<Ana>", "ana@example.org"),
        };

        var composed = EmailComposer.Compose(email);

        Assert.DoesNotContain("<script", composed.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", composed.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", composed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", composed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Ana>", composed.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", composed.Html);
        Assert.Contains("&amp; more", composed.Html);
        // The plain text shows the text as it was typed.
        Assert.Contains("Fund " + Script + " & more", composed.Text);
    }

    [Fact]
    public void A_link_that_is_not_http_or_https_is_dropped_not_linked()
    {
        var email = Samples.Email(EmailKinds.TaskAssigned) with
        {
            CommitmentLink = "javascript:alert(document.cookie)",
            TaskLink = "JavaScript:alert(1)",
            UnsubscribeLink = "data:text/html,<script>alert(1)</script>",
        };

        var composed = EmailComposer.Compose(email);

        foreach (var part in new[] { composed.Text, composed.Html })
        {
            Assert.DoesNotContain("javascript", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("data:", part, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Open the task", part, StringComparison.Ordinal);
            Assert.DoesNotContain("Stop these e-mails", part, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("href=", composed.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "Monthly check-in")]
    [InlineData("", "Monthly check-in")]
    [InlineData("fr-CA", "Point mensuel")]
    [InlineData("ES", "Seguimiento mensual")]
    public void An_unknown_language_falls_back_to_english(string language, string subjectStart)
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.CheckIn) with { Language = language });

        Assert.StartsWith(subjectStart, composed.Subject);
    }

    [Fact]
    public void An_unknown_kind_is_an_argument_exception()
    {
        Assert.Throws<ArgumentException>(() => EmailComposer.Compose(Samples.Email("birthday")));
    }

    [Fact]
    public void A_long_commitment_is_shortened_in_the_subject_at_a_word()
    {
        var text = string.Join(' ', Enumerable.Repeat("strengthen regional cooperation", 10));
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.CheckIn) with { Commitment = Samples.Commitment with { Text = text + "\nsecond line" } });

        Assert.Equal("Monthly check-in: how is “strengthen regional cooperation strengthen regional…” going?", composed.Subject);
        Assert.True(composed.Subject.Length < 110, composed.Subject);
        Assert.Contains("second line", composed.Text);
    }

    [Fact]
    public void The_plain_text_wraps_at_72_columns_and_never_inside_a_link()
    {
        var longLink = "https://network.example.org/commitments/c-2016-C-07?" + new string('x', 120);
        var email = Samples.Email(EmailKinds.Escalation) with
        {
            CommitmentLink = longLink,
            Message = "See " + longLink + " and tell us what the partners in the corridor have done since the last forum meeting.",
        };

        var composed = EmailComposer.Compose(email);

        var lines = composed.Text.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 72 || !line.TrimStart('>', ' ').Contains(' ', StringComparison.Ordinal), line));
        Assert.Contains(lines, line => line == longLink);
        Assert.Contains(lines, line => line == "> " + longLink);
    }

    [Fact]
    public void Without_an_unsubscribe_link_the_footer_only_names_the_organisation()
    {
        var composed = EmailComposer.Compose(Samples.Email(EmailKinds.CheckIn) with { UnsubscribeLink = null });

        Assert.DoesNotContain("Stop these e-mails", composed.Text);
        Assert.Contains("-- \nThis e-mail was sent by Network on behalf of Migrant Rights Network.\n", composed.Text);
    }
}
