using Network.Domain.Storage;
using Network.Host.Storage.Pipeline;

namespace Network.Host.Tests.Storage.Pipeline;

/// <summary>A batch's lock statement takes each owner's lock once, exclusive where any unit adds to it, in the one order of all transactions.</summary>
public sealed class PostgresOwnerLocksTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Owners = ["e-a", "e-b", "e-c"];
    private static readonly bool[] Exclusive = [false, true, true];

    private static StateUnit Opening(string instance, params string[] entries) => new(
        new StateRowKey("network", "locks-test", 0, 0, instance), StateUnitKind.Write, null, "{}", [],
        [.. entries.Select(entry => new KeyRow(StateKeySets.WaitingInstances, entry, instance, At))]);

    private static AppendThenReadUnit Reading(params string[] entries) =>
        new([], StateKeySets.WaitingInstances, [entries]);

    [Fact]
    public void Each_owner_is_locked_once_in_order_and_exclusive_where_any_unit_adds_to_it()
    {
        var command = PostgresOwnerLocks.CommandFor([Reading("e-b", "e-a"), Opening("i-1", "e-b"), Reading("e-b", "e-c"), Opening("i-2", "e-c", "e-b")]);

        Assert.NotNull(command);
        Assert.All((string?[])command.Parameters[0].Value!, set => Assert.Equal(StateKeySets.WaitingInstances, set));
        Assert.Equal(Owners, (string?[])command.Parameters[1].Value!);
        Assert.Equal(Exclusive, (bool[])command.Parameters[2].Value!);
    }

    [Fact]
    public void A_batch_that_needs_no_lock_has_no_lock_statement() =>
        Assert.Null(PostgresOwnerLocks.CommandFor([new StateUnit(new StateRowKey("network", "locks-test", 0, 0, "i-3"), StateUnitKind.Write, null, "{}", [])]));
}
