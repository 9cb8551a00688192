using System.Globalization;
using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

internal enum SectionKind
{
    Commitments,
    PriorityMessages,
    Reflections,
}

/// <summary>
/// A numbered section heading of the template: "1. Civil society commitments for ...", "3. Priority messages to
/// convey ...", "4. Reflections". The PDF may turn the full stop into a comma ("4, Reflections"). The kind is read
/// from the words, never from the number, so reordered sections are still recognised; a heading without its number
/// is accepted only in the template's exact wording, so a sentence in a reflection cannot pass for a heading.
/// </summary>
internal sealed partial record SectionHeading(SectionKind Kind, int? Number, string Title)
{
    public static string KindName(SectionKind kind) => kind switch
    {
        SectionKind.Commitments => "civil society commitments",
        SectionKind.PriorityMessages => "priority messages",
        _ => "reflections",
    };

    public static bool TryParse(string text, out SectionHeading heading)
    {
        heading = null!;
        var match = Numbered().Match(text);
        int? number = match.Success ? int.Parse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : null;
        var title = match.Success ? match.Groups["title"].Value : text;
        if (number is 0)
        {
            return false;
        }

        SectionKind? kind = number is null
            ? UnnumberedKind(title)
            : CommitmentsTitle().IsMatch(title) ? SectionKind.Commitments
            : PriorityTitle().IsMatch(title) ? SectionKind.PriorityMessages
            : ReflectionsTitle().IsMatch(title) ? SectionKind.Reflections
            : null;
        if (kind is null)
        {
            return false;
        }
        heading = new SectionHeading(kind.Value, number, title);
        return true;
    }

    private static SectionKind? UnnumberedKind(string title) =>
        UnnumberedCommitments().IsMatch(title) ? SectionKind.Commitments
        : UnnumberedPriority().IsMatch(title) ? SectionKind.PriorityMessages
        : UnnumberedReflections().IsMatch(title) ? SectionKind.Reflections
        : null;

    [GeneratedRegex(@"^(?<number>[0-9]{1,2})\s?[.,:;)]?\s?(?<title>\p{L}.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(?:civil\ssociety\s)?commitments\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommitmentsTitle();

    [GeneratedRegex(@"^priority\smessages?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriorityTitle();

    [GeneratedRegex(@"^reflections?\b(?!.*:$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReflectionsTitle();

    [GeneratedRegex(@"^civil\ssociety\scommitments\sfor\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnnumberedCommitments();

    [GeneratedRegex(@"^priority\smessages\sto\sconvey\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnnumberedPriority();

    [GeneratedRegex(@"^reflections[.:]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnnumberedReflections();
}
