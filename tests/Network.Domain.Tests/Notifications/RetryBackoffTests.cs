using Network.Domain.Notifications;

namespace Network.Domain.Tests.Notifications;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(7, 640)]
    [InlineData(8, 1000)]
    [InlineData(1000, 1000)]
    public void A_failed_delivery_waits_the_first_wait_doubled_per_further_failure_up_to_the_longest(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.After(failures, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1000)));
}
