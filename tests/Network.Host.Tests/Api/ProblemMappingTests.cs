using Network.Host.Api.Http;
using Orleans.Runtime;

namespace Network.Host.Tests.Api;

/// <summary>Refusals that no endpoint test can provoke on one host: a member of the cluster lost mid-request.</summary>
public sealed class ProblemMappingTests
{
    [Fact]
    public void A_grain_on_a_silo_that_just_died_is_a_503_that_says_to_look_before_trying_again()
    {
        var problem = ProblemMapping.ToProblem(new SiloUnavailableException("The target silo became unavailable"), "/api/tenants/t/commitments/c/progress");

        Assert.NotNull(problem);
        Assert.Equal(503, problem.Status);
        Assert.Equal("A member of the cluster was lost.", problem.Title);
        Assert.Contains("read the current state, then try again", problem.Detail, StringComparison.Ordinal);
    }
}
