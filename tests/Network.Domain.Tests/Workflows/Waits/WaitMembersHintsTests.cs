using Network.Domain.Workflows;

namespace Network.Domain.Tests.Workflows.Waits;

/// <summary>A silo's hints of which instances wait where: what a dispatch may hand an event to before reading the index.</summary>
public sealed class WaitMembersHintsTests
{
    [Fact]
    public void An_instance_is_hinted_in_the_entries_it_opened_waits_in_until_they_end()
    {
        var hints = new WaitMembersHints();
        hints.Moved("i-1", ["e-a", "e-b"], []);
        hints.Moved("i-2", ["e-a"], []);

        Assert.Equal(["i-1", "i-2"], hints.InstancesIn(["e-a"]));
        Assert.Equal(["i-1", "i-2"], hints.InstancesIn(["e-a", "e-b", "e-none"]));
        Assert.Null(hints.InstancesIn(["e-none"]));

        hints.Moved("i-1", ["e-c"], ["e-a", "e-b"]);

        Assert.Equal(["i-2"], hints.InstancesIn(["e-a"]));
        Assert.Null(hints.InstancesIn(["e-b"]));
        Assert.Equal(["i-1"], hints.InstancesIn(["e-c"]));
    }

    [Fact]
    public void An_entry_with_more_instances_than_are_hinted_is_crowded_and_hints_no_event_that_looks_in_it()
    {
        var hints = new WaitMembersHints();
        for (var i = 0; i < WaitMembersHints.MaxMembersPerEntry; i++)
        {
            hints.Moved($"i-{i}", ["e-crowded"], []);
        }
        hints.Moved("i-other", ["e-other"], []);
        Assert.Equal(WaitMembersHints.MaxMembersPerEntry, hints.InstancesIn(["e-crowded"])!.Count);

        hints.Moved("i-one-more", ["e-crowded"], []);
        hints.Moved("i-0", [], ["e-crowded"]);

        // Its members are read, all of them, rather than a few handed the event at once.
        Assert.Null(hints.InstancesIn(["e-crowded"]));
        Assert.Null(hints.InstancesIn(["e-other", "e-crowded"]));
        Assert.Equal(["i-other"], hints.InstancesIn(["e-other"]));
    }

    [Fact]
    public void The_hints_hold_two_generations_of_entries_and_drop_the_oldest_and_an_entry_touched_again_is_kept()
    {
        var hints = new WaitMembersHints(capacity: 2);
        hints.Moved("i-1", ["e-1"], []);
        hints.Moved("i-2", ["e-2"], []);
        hints.Moved("i-3", ["e-3"], []);
        // e-1 and e-2 are the older generation now; e-1 touched again moves to the newer one.
        hints.Moved("i-1b", ["e-1"], []);
        hints.Moved("i-4", ["e-4"], []);

        Assert.Null(hints.InstancesIn(["e-2"]));
        Assert.Equal(["i-1", "i-1b"], hints.InstancesIn(["e-1"]));
        Assert.Equal(["i-3"], hints.InstancesIn(["e-3"]));
        Assert.Equal(["i-4"], hints.InstancesIn(["e-4"]));
    }
}
