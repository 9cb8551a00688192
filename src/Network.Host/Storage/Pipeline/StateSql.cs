namespace Network.Host.Storage.Pipeline;

/// <summary>The statements of the state pipeline that SQLite and PostgreSQL share (parameters written <c>@name</c>).</summary>
internal static class StateSql
{
    public const string RowMatch = """
        service_id = @service AND grain_type = @type AND grain_id_n0 = @n0 AND grain_id_n1 = @n1 AND grain_id_string = @id
        """;

    public const string Read = "SELECT payload_json, version FROM orleans_grain_state WHERE " + RowMatch + ";";

    /// <summary>A row when the key is a member of the owner's set (the table name is one of <see cref="Network.Domain.Storage.StateKeySets"/>).</summary>
    public static string ContainsKey(string table) => $"SELECT 1 FROM {table} WHERE owner_key = @owner AND item_key = @key;";

    /// <summary>Every member of any of <paramref name="owners"/> (at least one) owners' sets (parameters <c>@owner0</c>, <c>@owner1</c>, …).</summary>
    public static string MembersOfAny(string table, int owners) =>
        $"SELECT item_key FROM {table} WHERE owner_key IN ({string.Join(", ", Enumerable.Range(0, owners).Select(i => "@owner" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))});";

    /// <summary>The first messages of one owner's queue, oldest first (the table name is one of <see cref="Network.Domain.Storage.StateQueues"/>).</summary>
    public static string ReadQueue(string table) =>
        $"SELECT seq, item_key, source, kind, body, at FROM {table} WHERE owner_key = @owner ORDER BY seq LIMIT @limit;";

    /// <summary>Pages one owner's rows of a log (the table name is one of <see cref="Network.Domain.Storage.StateLogs"/>).</summary>
    public static string ReadLog(string table) =>
        $"SELECT seq, at, entry_json FROM {table} WHERE owner_key = @owner AND seq > @after ORDER BY seq LIMIT @limit;";

    /// <summary>The owner's last rows, newest first (the reader puts them back in order).</summary>
    public static string ReadLogEnd(string table) =>
        $"SELECT seq, at, entry_json FROM {table} WHERE owner_key = @owner ORDER BY seq DESC LIMIT @limit;";
}
