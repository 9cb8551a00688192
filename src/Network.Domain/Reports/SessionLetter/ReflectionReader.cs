using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Reads the reflections: the intro line before them ("Reflections from the session leads:") is dropped, then each bullet is
/// one reflection, its wrapped lines joined. The PDF turns "•" into "e" at the line start; "•", "-", "*", "o", "▪"
/// are accepted too. A letter bullet ("e", "o") only counts before a capital, so no sentence loses its first word.
/// Without any bullet, each paragraph (text between blank lines) is one reflection.
/// </summary>
internal static partial class ReflectionReader
{
    public static IReadOnlyList<string> Read(RawSection section, ProblemLog problems)
    {
        var lines = section.Body.SkipWhile(l => l.IsBlank || Intro().IsMatch(l.Text)).ToList();
        var hasBullets = lines.Any(l => Bullet().IsMatch(l.Text));
        var items = new List<List<TextFragment>>();
        var previousBlank = true;
        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                previousBlank = true;
                continue;
            }
            var bullet = Bullet().Match(line.Text);
            var startsItem = hasBullets ? bullet.Success || items.Count == 0 : previousBlank;
            var text = bullet.Success ? bullet.Groups["text"].Value : line.Text;
            if (startsItem)
            {
                items.Add([]);
            }
            items[^1].Add(new TextFragment(text, line.Number));
            previousBlank = false;
        }

        var reflections = items.Select(i => Paragraph.Join(i).Text).Where(t => t.Length > 0).ToList();
        if (reflections.Count == 0)
        {
            problems.Add(SectionNames.Reflections, section.Heading.Number, "no reflection was found");
        }
        return reflections;
    }

    [GeneratedRegex(@"^(?:[•·▪●◦■□➢►‣∙*]|[-–—](?=\s)|[eo](?=\s[\p{Lu}""'(0-9]))\s?(?<text>\S.*)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^reflections?\b[^.]{0,60}:$|^reflections?\s(?:from|by)\s(?:the\s)?session\b[^.]{0,40}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Intro();
}
