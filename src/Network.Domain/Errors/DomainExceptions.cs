namespace Network.Domain.Errors;

// Exceptions that cross grain calls carry only strings, so Orleans can copy them and the API can turn them into
// problem details: what was wrong (Message) and where (Field).

/// <summary>Input that breaks a rule; nothing was changed. HTTP 400.</summary>
[GenerateSerializer]
public sealed class DomainValidationException(string field, string message) : Exception(message)
{
    /// <summary>Where the problem is, as a JSON path into the request (e.g. <c>id</c>, <c>kind</c>).</summary>
    [Id(0)] public string Field { get; } = field;
}

/// <summary>The request clashes with what exists (e.g. a taken id); nothing was changed. HTTP 409.</summary>
[GenerateSerializer]
public sealed class DomainConflictException(string message) : Exception(message);

/// <summary>The caller reaches the tenant but its role may not do this. HTTP 403.</summary>
[GenerateSerializer]
public sealed class RoleForbiddenException(string message) : Exception(message);

/// <summary>The thing asked for does not exist (or is out of the caller's reach, which looks the same). HTTP 404.</summary>
[GenerateSerializer]
public sealed class DomainNotFoundException(string message) : Exception(message);
