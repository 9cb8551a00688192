using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

/// <summary>A tenant as grains hand it out.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? ParentId,
    [property: Id(4)] TenantPath Path,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] IReadOnlyList<string>? Aliases);

/// <summary>What a coordinator asks for when creating a child tenant.</summary>
/// <param name="CreationId">
/// Names the call that asks (a door gives each call one): the same call sent again while the cluster changes finds the
/// tenant it created and gets it back, where another call for the same id is told the tenant exists.
/// </param>
[GenerateSerializer, Immutable]
public sealed record NewTenant(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Kind,
    [property: Id(3)] IReadOnlyList<string>? Aliases = null,
    [property: Id(4)] string? CreationId = null);

/// <summary>An API key as lists show it: never the key or its hash.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] TenantRole Role,
    [property: Id(2)] string Label,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RevokedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt = null,
    [property: Id(6)] DateTimeOffset? LastUsedAt = null,
    [property: Id(7)] string? ReplacedBy = null,
    [property: Id(8)] string? RotatedFrom = null);

/// <summary>A rotation's outcome: the new key (its secret this once) and the old one with the end of its overlap.</summary>
[GenerateSerializer, Immutable]
public sealed record RotatedApiKey(
    [property: Id(0)] IssuedApiKey Replacement,
    [property: Id(1)] ApiKeyInfo Previous);

/// <summary>A key just issued: the only time its secret is handed out.</summary>
[GenerateSerializer, Immutable]
public sealed record IssuedApiKey(
    [property: Id(0)] ApiKeyInfo Info,
    [property: Id(1)] string Secret);

/// <summary>The outcome of making sure the root tenant exists.</summary>
[GenerateSerializer, Immutable]
public sealed record RootBootstrap(
    [property: Id(0)] bool Created,
    [property: Id(1)] string? GeneratedKey);
