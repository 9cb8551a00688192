using Network.Workflows.Runtime;

namespace Network.Workflows.Tests.Runtime;

public sealed class InstanceIdsTests
{
    [Fact]
    public void An_id_is_the_definition_and_the_subject()
    {
        Assert.Equal("commitment-lifecycle--gfmd-2016-c-1", InstanceIds.For("commitment-lifecycle", "gfmd-2016-c-1"));
    }

    [Theory]
    [InlineData("commitment-lifecycle", "commitment-lifecycle--gfmd-2016-c-1", "gfmd-2016-c-1")]
    [InlineData("commitment-lifecycle", "commitment-lifecycle--a--b", "a--b")]
    [InlineData("commitment-lifecycle", "commitment-lifecycle--", null)]
    [InlineData("commitment-lifecycle", "commitment-lifecycle-x--a", null)]
    [InlineData("commitment-lifecycle", "commitment-lifecycle", null)]
    [InlineData("commitment", "commitment-lifecycle--a", null)]
    [InlineData("other", "commitment-lifecycle--a", null)]
    public void The_subject_is_read_back_only_from_an_id_of_that_definition(string definition, string instanceId, string? subject)
    {
        Assert.Equal(subject, InstanceIds.SubjectOf(definition, instanceId));
    }

    [Fact]
    public void An_empty_part_is_refused()
    {
        Assert.Throws<ArgumentException>(() => InstanceIds.For("", "a"));
        Assert.Throws<ArgumentException>(() => InstanceIds.For("d", ""));
    }
}
