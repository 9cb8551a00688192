using Network.Documents.Writers.Pdf;

namespace Network.Documents.Tests.Writers;

public sealed class ReportFontResolverTests : IDisposable
{
    private const string DejaVu = "/usr/share/fonts/truetype/dejavu";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("network-fonts-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Says_which_files_it_looked_for_where_and_which_package_to_install_when_there_is_no_font()
    {
        var resolver = new ReportFontResolver(_directory.FullName);

        var error = Assert.Throws<InvalidOperationException>(() => resolver.Fonts);

        Assert.Contains($"DejaVuSans.ttf (DejaVu Sans) and LiberationSans-Regular.ttf (Liberation Sans) in {_directory.FullName} (from NETWORK_REPORT_FONTS)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Install the Debian package fonts-dejavu-core", error.Message, StringComparison.Ordinal);
        Assert.Contains("set NETWORK_REPORT_FONTS to a directory holding DejaVuSans.ttf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_usual_places_when_no_directory_is_given()
    {
        var resolver = new ReportFontResolver(_directory.FullName);
        var usual = new ReportFontResolver(null);

        var message = Assert.Throws<InvalidOperationException>(() => resolver.ResolveTypeface("Any", false, false)).Message;

        Assert.DoesNotContain("/usr/share/fonts", message, StringComparison.Ordinal);
        if (File.Exists(Path.Combine(DejaVu, "DejaVuSans.ttf")))
        {
            Assert.Equal(Path.Combine(DejaVu, "DejaVuSans.ttf"), usual.Fonts.Regular);
        }
    }

    [Fact]
    public void Does_not_take_a_file_that_is_not_a_truetype_font()
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "DejaVuSans.ttf"), "not a font");
        var resolver = new ReportFontResolver(_directory.FullName);

        var error = Assert.Throws<InvalidOperationException>(() => resolver.Fonts);

        Assert.Contains($"{Path.Combine(_directory.FullName, "DejaVuSans.ttf")} is not a TrueType font", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_all_four_faces_of_dejavu_sans()
    {
        var resolver = new ReportFontResolver(DejaVu);

        var fonts = resolver.Fonts;

        Assert.Equal(new FoundFonts(
            "DejaVu Sans",
            Path.Combine(DejaVu, "DejaVuSans.ttf"),
            Path.Combine(DejaVu, "DejaVuSans-Bold.ttf"),
            Path.Combine(DejaVu, "DejaVuSans-Oblique.ttf"),
            Path.Combine(DejaVu, "DejaVuSans-BoldOblique.ttf")), fonts);
        var boldItalic = resolver.ResolveTypeface("Network Report Sans", bold: true, italic: true)!;
        Assert.False(boldItalic.MustSimulateBold || boldItalic.MustSimulateItalic);
        Assert.Equal(File.ReadAllBytes(fonts.BoldOblique!), resolver.GetFont(boldItalic.FaceName));
    }

    [Fact]
    public void Simulates_the_faces_a_directory_lacks_from_the_regular_one()
    {
        File.CreateSymbolicLink(Path.Combine(_directory.FullName, "DejaVuSans.ttf"), Path.Combine(DejaVu, "DejaVuSans.ttf"));
        var resolver = new ReportFontResolver(_directory.FullName);

        var regular = resolver.ResolveTypeface("Network Report Sans", bold: false, italic: false)!;
        var oblique = resolver.ResolveTypeface("Network Report Sans", bold: false, italic: true)!;
        var bold = resolver.ResolveTypeface("Network Report Sans", bold: true, italic: false)!;

        Assert.Equal(regular.FaceName, oblique.FaceName);
        Assert.True(oblique.MustSimulateItalic);
        Assert.True(bold.MustSimulateBold);
        Assert.Null(resolver.GetFont("something else"));
    }
}
