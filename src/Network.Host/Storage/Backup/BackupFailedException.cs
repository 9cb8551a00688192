namespace Network.Host.Storage.Backup;

/// <summary>
/// A backup or restore that cannot go on, with a message for the operator that says what is wrong and where; by the
/// time it is thrown, whatever the step had made (a temporary copy) is removed and the database is as it was.
/// </summary>
public sealed class BackupFailedException(string message, Exception? inner = null) : Exception(message, inner);
