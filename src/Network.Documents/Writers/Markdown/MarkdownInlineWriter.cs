using System.Text;
using Network.Documents.Layout;

namespace Network.Documents.Writers.Markdown;

/// <summary>
/// Writes the inline content of one block (a paragraph, a list item, a field's value, a table cell) as Markdown in
/// which the partners' text can never become markup. It knows where each output line starts, because some
/// characters are markup only there (a <c>-</c> opens a list item at the start of a line and nowhere else).
/// </summary>
/// <remarks>
/// A line break inside a text becomes a hard line break (a backslash at the end of the line) so that a partner's
/// lines stay lines; a run of breaks is one break, since a blank line would end the block. Continuation lines are
/// indented so that they stay inside a list item. In a table cell, where GFM has no line breaks, a break is a space.
/// </remarks>
internal sealed class MarkdownInlineWriter
{
    private readonly StringBuilder _output = new();
    private readonly string _continuationIndent;
    private readonly bool _singleLine;

    // Nothing but (skipped) spaces written on the current line yet, where block markers would be recognised.
    private bool _atLineStart;

    // The current line holds only digits so far: a following "." or ")" would make it an ordered list item.
    private bool _lineIsDigits;

    private bool _breakPending;

    // Where the last bold run's closing "**" ended, so that a bold run right after it continues it.
    private int _strongEnd = -1;

    private MarkdownInlineWriter(bool startsLine, string continuationIndent, bool singleLine)
    {
        _atLineStart = startsLine;
        _continuationIndent = continuationIndent;
        _singleLine = singleLine;
    }

    /// <summary>Content that starts a block's first line: a paragraph, or a list item after its marker.</summary>
    /// <param name="continuationIndent">Put before each continuation line (two spaces inside a list item).</param>
    public static string Block(IReadOnlyList<Inline> content, string continuationIndent = "") =>
        new MarkdownInlineWriter(startsLine: true, continuationIndent, singleLine: false).Render(content);

    /// <summary>Content that follows other text on its line, such as a field's value after its label.</summary>
    public static string AfterText(IReadOnlyList<Inline> content, string continuationIndent) =>
        new MarkdownInlineWriter(startsLine: false, continuationIndent, singleLine: false).Render(content);

    /// <summary>Content kept on one line: a heading, a table cell, a column title, a label.</summary>
    public static string OneLine(IReadOnlyList<Inline> content) =>
        new MarkdownInlineWriter(startsLine: false, "", singleLine: true).Render(content);

    public static string OneLine(string text) => OneLine([new Text(text)]);

    private string Render(IReadOnlyList<Inline> content)
    {
        for (var i = 0; i < content.Count; i++)
        {
            var following = '\0';
            for (var j = i + 1; j < content.Count && following == '\0'; j++)
            {
                following = FirstCharacter(content[j]);
            }
            switch (content[i])
            {
                case Text { Strong: true } text:
                    Strong(text.Value, following);
                    break;
                case Text text:
                    Escaped(PlainText.Clean(text.Value));
                    break;
                case Link link:
                    Link(link);
                    break;
                case StatusTag tag:
                    Strong(tag.Label, following);
                    break;
                default:
                    break;
            }
        }
        TrimTrailingSpaces();
        return _output.ToString();
    }

    private static char FirstCharacter(Inline inline)
    {
        var text = inline switch
        {
            Text t => PlainText.Clean(t.Value),
            Link l when WebAddress.IsWeb(l.Href) => "[",
            Link l => PlainText.Clean(l.Label),
            StatusTag t => PlainText.Clean(t.Label),
            _ => "",
        };
        return text.Length > 0 ? text[0] : '\0';
    }

    /// <summary>
    /// Bold text between <c>**</c>. CommonMark only takes a <c>**</c> as emphasis when it "flanks" the text: the
    /// spaces therefore go outside the asterisks, two bold runs side by side become one, and where the text starts
    /// or ends with punctuation right against a letter (<c>a**(b)**</c>), which no delimiter can open or close,
    /// the text is written without bold rather than with stray asterisks.
    /// </summary>
    private void Strong(string value, char following)
    {
        var (leading, core, trailing) = PlainText.Edges(value);
        Escaped(leading);
        if (core.Length == 0)
        {
            return;
        }
        var continues = _breakPending is false && _strongEnd == _output.Length && _strongEnd > 0;
        var before = _breakPending || _output.Length == 0 ? ' ' : _output[^1];
        var after = trailing.Length > 0 ? trailing[0] : following;
        var canOpen = continues || !IsPunctuation(core[0]) || IsSpaceOrPunctuation(before);
        var canClose = !IsPunctuation(core[^1]) || IsSpaceOrPunctuation(after);
        if (!canOpen || !canClose)
        {
            Escaped(core);
        }
        else
        {
            if (continues)
            {
                _output.Length -= 2;
            }
            else
            {
                Markup("**");
            }
            Escaped(core);
            Markup("**");
            _strongEnd = _output.Length;
        }
        Escaped(trailing);
    }

    // CommonMark's "punctuation" for emphasis: Unicode punctuation and symbols.
    private static bool IsPunctuation(char c) =>
        char.IsPunctuation(c) || char.IsSymbol(c);

    private static bool IsSpaceOrPunctuation(char c) => c is '\0' or '\n' || char.IsWhiteSpace(c) || IsPunctuation(c);

    private void Link(Link link)
    {
        if (!WebAddress.IsWeb(link.Href))
        {
            Escaped(PlainText.Clean(link.Label));
            return;
        }
        var (leading, label, trailing) = PlainText.Edges(link.Label);
        Escaped(leading);
        if (!_breakPending && _output.Length > 0 && _output[^1] == '!')
        {
            // "!" right before "[" would make the link an image.
            _output.Insert(_output.Length - 1, '\\');
        }
        Markup("[");
        Escaped(label.Length > 0 ? label : link.Href.AbsoluteUri);
        Markup("](<" + Destination(link.Href) + ">)");
        Escaped(trailing);
    }

    /// <summary>A destination between angle brackets may hold neither those brackets, a line break, nor spaces here.</summary>
    private static string Destination(Uri href)
    {
        var address = href.AbsoluteUri;
        var result = new StringBuilder(address.Length);
        foreach (var c in address)
        {
            _ = c switch
            {
                '<' => result.Append("%3C"),
                '>' => result.Append("%3E"),
                ' ' => result.Append("%20"),
                '\\' => result.Append("%5C"),
                '\n' or '\r' => result,
                _ => result.Append(c),
            };
        }
        return result.ToString();
    }

    private void Markup(string markup)
    {
        FlushBreak();
        _output.Append(markup);
        _atLineStart = false;
        _lineIsDigits = false;
    }

    private void Escaped(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                _breakPending = _output.Length > 0 || _breakPending;
                continue;
            }
            if (c == ' ' && (_atLineStart || _breakPending || _output.Length == 0))
            {
                // Leading spaces would make an indented code block or leave a list item; they mean nothing here.
                continue;
            }
            FlushBreak();
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (NeedsEscape(c, next))
            {
                _output.Append('\\');
            }
            _output.Append(c);
            if (c != ' ')
            {
                _lineIsDigits = (_atLineStart || _lineIsDigits) && char.IsAsciiDigit(c);
                _atLineStart = false;
            }
        }
    }

    /// <summary>
    /// Whether a character of partner text must be backslash-escaped to stay literal in CommonMark and GFM (and in
    /// the wikis' common extensions: math, emoji, highlights). The rule is as strict as it can be without turning
    /// every sentence into backslashes: characters that are markup anywhere are always escaped; <c>- +</c> only at
    /// the start of a line; <c>. )</c> only after a line's leading digits (an ordered list) and <c>.</c> after
    /// "www" (a GFM autolink); <c>:</c> when text follows it (an autolink's "http://", an emoji's ":name:"). The
    /// rest, <c>! " ' ( , / ; ? % @</c>, is never markup on its own, and what could open markup with it (<c>[</c>
    /// before <c>!</c> or <c>(</c>) is always escaped. One thing no escape prevents: GFM renderers make an e-mail
    /// address in the text a mailto: link (they look for it after escapes are undone); it still reads as written.
    /// </summary>
    private bool NeedsEscape(char c, char next) => c switch
    {
        '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '<' or '>' or '#' or '&' or '|' or '~' or '^' or '$'
            or '=' => true,
        '-' or '+' => _atLineStart,
        ')' => _lineIsDigits,
        '.' => _lineIsDigits || EndsWithWww(),
        ':' => next is not ('\0' or ' ' or '\n'),
        _ => false,
    };

    private bool EndsWithWww() =>
        _output.Length >= 3
        && char.ToUpperInvariant(_output[^1]) == 'W'
        && char.ToUpperInvariant(_output[^2]) == 'W'
        && char.ToUpperInvariant(_output[^3]) == 'W';

    private void FlushBreak()
    {
        if (!_breakPending)
        {
            return;
        }
        _breakPending = false;
        TrimTrailingSpaces();
        if (_singleLine)
        {
            _output.Append(' ');
            return;
        }
        _output.Append("\\\n").Append(_continuationIndent);
        _atLineStart = true;
        _lineIsDigits = false;
    }

    private void TrimTrailingSpaces()
    {
        while (_output.Length > 0 && _output[^1] == ' ')
        {
            _output.Length--;
        }
    }
}
