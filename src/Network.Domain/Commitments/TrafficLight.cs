using Network.Workflows.Loading;

namespace Network.Domain.Commitments;

/// <summary>The colour a commitment shows on dashboards, worst first (the order lists sort by).</summary>
public enum TrafficLightColour
{
    /// <summary>Stalled, blocked, or past its due date without being complete.</summary>
    Red = 0,

    /// <summary>No progress within its check-in period: due within <see cref="TrafficLight.DueSoonDays"/> days, or just quiet.</summary>
    Amber = 1,

    /// <summary>Progress within its check-in period, or complete.</summary>
    Green = 2,

    /// <summary>Withdrawn: nothing more is expected.</summary>
    Grey = 3,
}

/// <summary>
/// The one home of the dashboard's traffic light, so every page, report and export colours a commitment the same way.
/// Pledge dashboards (the Global Refugee Forum's, the SDG partnership platform) show overdue reports in red; here red
/// also means stalled or blocked, because those are what a coordinator must act on.
/// </summary>
public static class TrafficLight
{
    /// <summary>How close a due date counts as "soon": amber starts this many days before it.</summary>
    public const int DueSoonDays = 30;

    /// <summary>The check-in period when the tenant's lifecycle setting is missing or unreadable (the library's default).</summary>
    public static IsoDuration DefaultCheckInPeriod { get; } = new(0, 1, TimeSpan.Zero);

    /// <param name="status">The commitment's status (<see cref="CommitmentStatuses"/>).</param>
    /// <param name="dueOn">The day it is due.</param>
    /// <param name="lastActivity">Its latest sign of life: the latest progress, else when it was recorded.</param>
    /// <param name="checkInPeriod">How often its owners are asked how it goes (the lifecycle's <c>checkInEvery</c>).</param>
    /// <param name="now">The moment the light is for.</param>
    public static TrafficLightColour Of(string status, DateOnly dueOn, DateTimeOffset lastActivity, IsoDuration checkInPeriod, DateTimeOffset now)
    {
        switch (status)
        {
            case CommitmentStatuses.Withdrawn:
                return TrafficLightColour.Grey;
            case CommitmentStatuses.Complete:
                return TrafficLightColour.Green;
            case CommitmentStatuses.Stalled or CommitmentStatuses.Blocked:
                return TrafficLightColour.Red;
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (dueOn < today)
        {
            return TrafficLightColour.Red;
        }
        // Progress within the period is green even close to the deadline: the owners are answering.
        if (checkInPeriod.AddTo(lastActivity) >= now)
        {
            return TrafficLightColour.Green;
        }
        return TrafficLightColour.Amber;
    }

    /// <summary>True when the commitment is due within <see cref="DueSoonDays"/> days from <paramref name="now"/> (and not yet overdue).</summary>
    public static bool IsDueSoon(DateOnly dueOn, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return dueOn >= today && dueOn <= today.AddDays(DueSoonDays);
    }

    /// <summary>The check-in period from a setting's text (e.g. "P1M"); the default when it is missing or not a duration.</summary>
    public static IsoDuration CheckInPeriod(string? setting) =>
        IsoDuration.TryParse(setting, out var period) && period != IsoDuration.Zero ? period : DefaultCheckInPeriod;
}
