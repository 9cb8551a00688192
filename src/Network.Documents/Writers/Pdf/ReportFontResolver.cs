using PdfSharp.Fonts;

namespace Network.Documents.Writers.Pdf;

/// <summary>
/// Finds the TrueType fonts of PDF reports on the machine: PDFsharp embeds whatever font it draws with and, on Linux,
/// knows of none by itself. DejaVu Sans is looked for first (it covers Latin, Greek and Cyrillic with their accents),
/// then Liberation Sans; nothing is shipped with Network, so the machine must have one of them.
/// </summary>
/// <remarks>
/// Every family name resolves to the family found, so that a report is never drawn in a font the machine lacks.
/// A missing bold or oblique face is simulated from the regular one.
/// </remarks>
public sealed class ReportFontResolver : IFontResolver
{
    /// <summary>The family name the PDF writer asks PDFsharp for.</summary>
    public const string FamilyName = "Network Report Sans";

    /// <summary>The environment variable naming the one directory to look in instead of the usual places.</summary>
    public const string DirectoryVariable = "NETWORK_REPORT_FONTS";

    /// <summary>The Debian package that installs DejaVu Sans where this resolver looks for it.</summary>
    public const string DebianPackage = "fonts-dejavu-core";

    private static readonly FontFiles[] Families =
    [
        new("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
            ["/usr/share/fonts/truetype/dejavu"]),
        new("Liberation Sans", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
            ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"]),
    ];

    private readonly string? _directory;
    private readonly Lock _gate = new();
    private FoundFonts? _found;

    /// <summary>Looks where <see cref="DirectoryVariable"/> says, or in the usual places when it is not set.</summary>
    public ReportFontResolver()
        : this(Environment.GetEnvironmentVariable(DirectoryVariable))
    {
    }

    /// <param name="directory">The one directory to look in; null or empty for the usual places.</param>
    public ReportFontResolver(string? directory)
    {
        _directory = string.IsNullOrWhiteSpace(directory) ? null : directory;
    }

    /// <summary>
    /// The font files this resolver uses; looked for on first use and kept once found (not while missing, so that
    /// installing the fonts is enough).
    /// </summary>
    /// <exception cref="InvalidOperationException">No usable font: the message says what was looked for, where, and what to install.</exception>
    public FoundFonts Fonts
    {
        get
        {
            lock (_gate)
            {
                return _found ??= Locate();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var fonts = Fonts;
        var face = (bold, italic) switch
        {
            (true, true) => fonts.BoldOblique ?? fonts.Bold ?? fonts.Oblique ?? fonts.Regular,
            (true, false) => fonts.Bold ?? fonts.Regular,
            (false, true) => fonts.Oblique ?? fonts.Regular,
            _ => fonts.Regular,
        };
        var simulateBold = bold && face != fonts.Bold && face != fonts.BoldOblique;
        var simulateItalic = italic && face != fonts.Oblique && face != fonts.BoldOblique;
        return new FontResolverInfo(FaceName(face), simulateBold, simulateItalic);
    }

    public byte[]? GetFont(string faceName)
    {
        var fonts = Fonts;
        foreach (var path in new[] { fonts.Regular, fonts.Bold, fonts.Oblique, fonts.BoldOblique })
        {
            if (path is not null && FaceName(path) == faceName)
            {
                return File.ReadAllBytes(path);
            }
        }
        return null;
    }

    // The file's path makes the face name unique, and PDFsharp keeps the font data it gets under that name.
    private static string FaceName(string path) => FamilyName + "|" + path;

    private FoundFonts Locate()
    {
        var unusable = new List<string>();
        foreach (var family in Families)
        {
            foreach (var directory in _directory is null ? family.Directories : [_directory])
            {
                var regular = Path.Combine(directory, family.Regular);
                if (!File.Exists(regular))
                {
                    continue;
                }
                if (!IsTrueType(regular))
                {
                    unusable.Add(regular);
                    continue;
                }
                string? Face(string name)
                {
                    var path = Path.Combine(directory, name);
                    return File.Exists(path) && IsTrueType(path) ? path : null;
                }
                return new FoundFonts(family.Name, regular, Face(family.Bold), Face(family.Oblique), Face(family.BoldOblique));
            }
        }
        throw new InvalidOperationException(MissingMessage(unusable));
    }

    private string MissingMessage(List<string> unusable)
    {
        var lookedFor = _directory is null
            ? string.Join(", and ", Families.Select(f => $"{f.Regular} ({f.Name}) in {string.Join(" and ", f.Directories)}"))
            : string.Join(" and ", Families.Select(f => $"{f.Regular} ({f.Name})")) + $" in {_directory} (from {DirectoryVariable})";
        var notTrueType = unusable.Count == 0 ? "" : $" ({string.Join(", ", unusable)} is not a TrueType font.)";
        var first = Families[0];
        return $"PDF reports need a TrueType font and none was found: looked for {lookedFor}.{notTrueType} "
            + $"Install the Debian package {DebianPackage} (apt-get install {DebianPackage}), or set {DirectoryVariable} "
            + $"to a directory holding {first.Regular} (with {first.Bold}, {first.Oblique} and {first.BoldOblique}) "
            + $"or {Families[1].Regular}.";
    }

    // PDFsharp embeds TrueType outlines only: a file with another signature (an OpenType CFF font, a text file
    // left where a font should be) would fail later with a less helpful message.
    private static bool IsTrueType(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> signature = stackalloc byte[4];
            return file.ReadAtLeast(signature, 4, throwOnEndOfStream: false) == 4
                && (signature.SequenceEqual(new byte[] { 0, 1, 0, 0 }) || signature.SequenceEqual("true"u8));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed record FontFiles(string Name, string Regular, string Bold, string Oblique, string BoldOblique, string[] Directories);
}

/// <summary>The font files found for PDF reports: the regular face always, the others when the machine has them.</summary>
public sealed record FoundFonts(string Family, string Regular, string? Bold, string? Oblique, string? BoldOblique);
