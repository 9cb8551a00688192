using System.Text;

namespace Network.Notifications.Templates;

/// <summary>
/// Word wrapping for the plain-text part. Lines break only at spaces, so a link (which has none: <see cref="WebLink"/>
/// escapes them) or any word longer than the line stays whole on a line of its own, and stays clickable.
/// </summary>
internal static class TextWrap
{
    public const int Width = 72;

    /// <summary>The text's lines wrapped to <see cref="Width"/>; the first starts with <paramref name="firstIndent"/>, the rest with <paramref name="indent"/>.</summary>
    public static IEnumerable<string> Lines(string text, string firstIndent = "", string indent = "")
    {
        var prefix = firstIndent;
        foreach (var source in text.Split('\n'))
        {
            var line = new StringBuilder(prefix);
            var empty = true;
            foreach (var word in source.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    yield return line.ToString();
                    line.Clear().Append(indent);
                    empty = true;
                }
                if (!empty)
                {
                    line.Append(' ');
                }
                line.Append(word);
                empty = false;
            }
            yield return line.ToString();
            prefix = indent;
        }
    }
}
