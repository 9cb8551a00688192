using Network.Domain.Tenancy;

namespace Network.Domain.Sessions;

/// <summary>A commitment period of a session and the milestone it is due at.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionPeriod(
    [property: Id(0)] int Number,
    [property: Id(1)] string Title,
    [property: Id(2)] string Milestone,
    [property: Id(3)] DateOnly DueOn,
    [property: Id(4)] IReadOnlyList<string> CommitmentIds);

/// <summary>A message the chair conveys to governments, by a date.</summary>
[GenerateSerializer, Immutable]
public sealed record PriorityMessage(
    [property: Id(0)] int Number,
    [property: Id(1)] string Text,
    [property: Id(2)] DateOnly DueOn);

/// <summary>A session of a forum, as an import records it.</summary>
/// <param name="DateInferred">True when the date was inferred from the report (then only its month is meaningful).</param>
[GenerateSerializer, Immutable]
public sealed record SessionDraft(
    [property: Id(0)] string Id,
    [property: Id(1)] string Forum,
    [property: Id(2)] string? SessionCode,
    [property: Id(3)] string Title,
    [property: Id(4)] string? Theme,
    [property: Id(5)] DateOnly HeldOn,
    [property: Id(6)] bool DateInferred,
    [property: Id(7)] IReadOnlyList<SessionPeriod> Periods,
    [property: Id(8)] IReadOnlyList<PriorityMessage> PriorityMessages,
    [property: Id(9)] IReadOnlyList<string> Reflections);

[GenerateSerializer, Immutable]
public sealed record SessionSnapshot(
    [property: Id(0)] TenantPath HomeTenant,
    [property: Id(1)] SessionDraft Session,
    [property: Id(2)] DateTimeOffset ImportedAt);
