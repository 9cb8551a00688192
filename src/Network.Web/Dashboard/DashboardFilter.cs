using Network.Domain.Commitments;

namespace Network.Web.Dashboard;

/// <summary>
/// The dashboard's filter bar as it stands in the URL (<c>?status=stalled&amp;session=…&amp;owner=tmp&amp;period=1</c>), so a
/// view can be shared as a link. Values are passed to the domain as they are; it refuses what is malformed.
/// </summary>
public sealed record DashboardFilter(string? Status, string? Session, string? Owner, int? Period)
{
    public static DashboardFilter None { get; } = new(null, null, null, null);

    public bool IsEmpty => Status is null && Session is null && Owner is null && Period is null;

    public CommitmentFilter ToCommitments(int offset, int limit, string? status = null, DateOnly? dueBefore = null) =>
        new(status ?? Status, Period, Owner, dueBefore, Session, offset, limit);

    /// <summary>The query-string values, null for those not set (so they drop out of the URL).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["status"] = Status,
        ["session"] = Session,
        ["owner"] = Owner,
        ["period"] = Period,
    };
}
