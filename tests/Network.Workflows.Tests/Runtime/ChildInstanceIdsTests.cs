using System.Text.RegularExpressions;
using Network.Workflows.Runtime;

namespace Network.Workflows.Tests.Runtime;

public sealed partial class ChildInstanceIdsTests
{
    // The domain's LocalIds rule, which the API checks every instance id against.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,119}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalId();

    [Fact]
    public void A_shallow_child_keeps_the_id_it_always_had()
    {
        Assert.Equal("commitment-lifecycle--c-1--c3", ChildInstanceIds.For("commitment-lifecycle--c-1", "c3"));
        var longest = new string('a', 116);
        Assert.Equal(longest + "--c3", ChildInstanceIds.For(longest, "c3"));
    }

    [Fact]
    public void Ids_stay_valid_and_bounded_however_deep_the_calls_nest_and_the_same_call_gives_the_same_id()
    {
        var id = "commitment-lifecycle--gfmd-2016-c-1";
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        for (var depth = 1; depth <= 60; depth++)
        {
            var child = ChildInstanceIds.For(id, $"c{depth}");
            Assert.Matches(LocalId(), child);
            Assert.InRange(child.Length, 1, ChildInstanceIds.MaxLength);
            Assert.Equal(child, ChildInstanceIds.For(id, $"c{depth}"));
            Assert.True(seen.Add(child), $"depth {depth} repeats an id: {child}");
            Assert.NotEqual(child, ChildInstanceIds.For(id, $"c{depth + 100}"));
            id = child;
        }
        // Still readable: a hashed id starts with the start of its parent's.
        Assert.StartsWith("commitment-lifecycle--gfmd-2016-c-1--c1--c2", id, StringComparison.Ordinal);
    }
}
