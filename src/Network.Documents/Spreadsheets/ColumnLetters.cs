namespace Network.Documents.Spreadsheets;

/// <summary>Column letters as spreadsheets show them: A … Z, AA … AZ, BA …; CSV files get the same, so a problem reads alike.</summary>
public static class ColumnLetters
{
    /// <param name="index">The column's position, from 0.</param>
    public static string Of(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }
        return letters;
    }
}
