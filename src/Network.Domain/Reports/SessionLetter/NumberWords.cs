using System.Globalization;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>Counts written as digits or words: "10", "ten", "twenty-five", "twenty five".</summary>
internal static class NumberWords
{
    /// <summary>A regex fragment for one number word; compounds are two of them joined by '-' or a space.</summary>
    public const string Pattern =
        "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        + "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";

    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    public static bool TryParse(string text, out int value)
    {
        value = 0;
        var trimmed = text.Trim();
        if (trimmed.Length is > 0 and <= 6 && trimmed.All(char.IsAsciiDigit))
        {
            return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        var parts = trimmed.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1)
        {
            return TryWord(parts[0], out value);
        }
        if (parts.Length == 2 && TryTens(parts[0], out var tens) && TryWord(parts[1], out var unit) && unit is > 0 and < 10)
        {
            value = tens + unit;
            return true;
        }
        return false;
    }

    private static bool TryWord(string word, out int value)
    {
        var unit = Array.FindIndex(Units, u => string.Equals(u, word, StringComparison.OrdinalIgnoreCase));
        if (unit >= 0)
        {
            value = unit;
            return true;
        }
        return TryTens(word, out value);
    }

    private static bool TryTens(string word, out int value)
    {
        var index = Array.FindIndex(Tens, t => t.Length > 0 && string.Equals(t, word, StringComparison.OrdinalIgnoreCase));
        value = index * 10;
        return index > 0;
    }
}
