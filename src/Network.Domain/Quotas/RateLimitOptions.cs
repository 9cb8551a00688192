namespace Network.Domain.Quotas;

/// <summary>
/// Per-key request rates (section <c>Limits:Rate</c>), a token bucket per key: a key may send <see cref="Burst"/>
/// requests at once, and then <see cref="PermitsPerSecond"/> a second on average. One bucket per role.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Limits:Rate";

    public KeyRate Coordinator { get; set; } = new() { PermitsPerSecond = 50, Burst = 200 };

    public KeyRate Member { get; set; } = new() { PermitsPerSecond = 20, Burst = 100 };

    /// <summary>Integration keys speak over their tenant's link (the bus): this bounds the messages a key sends.</summary>
    public KeyRate Integration { get; set; } = new() { PermitsPerSecond = 100, Burst = 400 };

    public void Validate()
    {
        Coordinator.Validate("Coordinator");
        Member.Validate("Member");
        Integration.Validate("Integration");
    }
}

public sealed class KeyRate
{
    /// <summary>Requests (or messages) a second, on average, once the burst is spent.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a key may send at once before it is held to <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }

    public void Validate(string role)
    {
        if (PermitsPerSecond < 1 || Burst < 1 || Burst < PermitsPerSecond)
        {
            throw new InvalidOperationException(
                $"Limits:Rate:{role} needs PermitsPerSecond ≥ 1 and Burst ≥ PermitsPerSecond (they are {PermitsPerSecond} and {Burst}).");
        }
    }
}
