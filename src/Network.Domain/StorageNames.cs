namespace Network.Domain;

/// <summary>Names of the grain storage providers the host must register.</summary>
public static class StorageNames
{
    /// <summary>The one store for all grain state: SQLite by default, PostgreSQL in production.</summary>
    public const string Network = "network";
}
