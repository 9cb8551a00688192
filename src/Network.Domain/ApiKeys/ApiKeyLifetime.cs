using System.Globalization;
using System.Xml;
using Network.Domain.Errors;

namespace Network.Domain.ApiKeys;

/// <summary>
/// The rules of a key's life: when it may expire, how long an old key stays valid after a rotation, and how often its
/// last use is written down (a key is checked on every request; its tenant's state is written at most this often).
/// </summary>
public static class ApiKeyLifetime
{
    /// <summary>The longest a new key may be given: past that, a key should be rotated, not extended.</summary>
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(5 * 366);

    /// <summary>The longest an old key stays valid beside its replacement.</summary>
    public static readonly TimeSpan LongestOverlap = TimeSpan.FromDays(90);

    /// <summary>The overlap when a rotation names none: a day for the systems using the key to take the new one.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromDays(1);

    /// <summary>A key's last use is written when the stored one is older than this (so "last used" is exact to within it).</summary>
    public static readonly TimeSpan LastUseGranularity = TimeSpan.FromMinutes(5);

    /// <summary>An expiry in the future and within <see cref="LongestLife"/>; null means the key does not expire.</summary>
    public static DateTimeOffset? Expiry(DateTimeOffset? expiresAt, DateTimeOffset now, string field = "expiresAt")
    {
        if (expiresAt is not { } at)
        {
            return null;
        }
        if (at <= now)
        {
            throw new DomainValidationException(field, $"'{at:O}' is not in the future.");
        }
        return at - now <= LongestLife
            ? at.ToUniversalTime()
            : throw new DomainValidationException(field, $"'{at:O}' is more than five years away; rotate keys instead of making them last that long.");
    }

    /// <summary>
    /// When a rotation's replacement expires: the expiry asked for, or else a life as long as the old key was issued
    /// for (a key given 90 days is replaced by one given 90 days from now), or else never, as the old key. A
    /// tenant's policy of short-lived keys does not end at the first rotation.
    /// </summary>
    public static DateTimeOffset? ReplacementExpiry(DateTimeOffset? expiresAt, DateTimeOffset oldCreatedAt, DateTimeOffset? oldExpiresAt, DateTimeOffset now) =>
        expiresAt is not null ? Expiry(expiresAt, now)
        : oldExpiresAt is { } oldEnd ? now + (oldEnd - oldCreatedAt)
        : null;

    /// <summary>An ISO 8601 duration (e.g. <c>P7D</c>, <c>PT12H</c>, <c>PT0S</c> to end the old key at once) up to <see cref="LongestOverlap"/>.</summary>
    public static TimeSpan Overlap(string? overlap, string field = "overlap")
    {
        if (string.IsNullOrWhiteSpace(overlap))
        {
            return DefaultOverlap;
        }
        TimeSpan value;
        try
        {
            value = XmlConvert.ToTimeSpan(overlap.Trim());
        }
        catch (FormatException)
        {
            throw new DomainValidationException(field, $"'{overlap}' is not an ISO 8601 duration, e.g. P7D or PT12H.");
        }
        return value >= TimeSpan.Zero && value <= LongestOverlap
            ? value
            : throw new DomainValidationException(field, string.Create(CultureInfo.InvariantCulture,
                $"'{overlap}' is not from PT0S to P{LongestOverlap.TotalDays}D."));
    }
}
