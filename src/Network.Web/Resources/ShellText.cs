namespace Network.Web.Resources;

/// <summary>
/// The texts of the shell (layout, navigation, sign-in, "not found") in ShellText.resx (English) and its .fr/.es
/// siblings, read with <c>IStringLocalizer&lt;ShellText&gt;</c>. Each feature brings its own set the same way (see
/// the README in this project).
/// </summary>
public sealed class ShellText
{
    private ShellText()
    {
    }
}
