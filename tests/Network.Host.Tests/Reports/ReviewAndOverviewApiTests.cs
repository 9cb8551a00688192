using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Reports;

/// <summary>The year-end review and the overview over HTTP, on the same recorded history as the session report.</summary>
[Collection(ReportCollection.Name)]
public sealed class ReviewAndOverviewApiTests(ReportHostFixture host)
{
    [Fact]
    public async Task The_review_of_2017_lists_the_commitments_due_that_year_none_reviewed_yet_with_a_line_per_owner()
    {
        using var client = host.Coordinator();
        var review = await client.GetFromJsonAsync<JsonElement>($"api/tenants/{host.Scope.Forum.Id}/reviews/2017?format=json");

        var commitments = review.GetProperty("sessions").EnumerateArray().SelectMany(s => s.GetProperty("commitments").EnumerateArray()).ToList();
        Assert.NotEmpty(commitments);
        Assert.All(commitments, c => Assert.Equal(2017, DateOnly.Parse(c.GetProperty("commitment").GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Year));
        Assert.All(commitments, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("verdict").GetProperty("finalStatus").ValueKind));
        var tmp = review.GetProperty("owners").EnumerateArray().Single(o => o.GetProperty("owner").GetProperty("tenant").GetString() == host.Scope.Tmp.Id);
        Assert.True(tmp.GetProperty("commitments").GetInt32() >= 1);

        using var markdown = await client.GetAsync($"api/tenants/{host.Scope.Forum.Id}/reviews/2017?format=md&lang=fr");
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.Contains("Bilan de fin d'année 2017", text, StringComparison.Ordinal);
        Assert.Contains("Non examiné", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_out_of_range_is_a_problem_naming_it()
    {
        using var client = host.Coordinator();
        using var response = await client.GetAsync($"api/tenants/{host.Scope.Forum.Id}/reviews/1999");
        var problem = await TestApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("year", TestApi.ErrorFields(problem));
    }

    [Fact]
    public async Task The_overview_puts_the_session_beside_its_counts_and_names_the_longest_silent()
    {
        using var client = host.Coordinator();
        var overview = await client.GetFromJsonAsync<JsonElement>($"api/tenants/{host.Scope.Forum.Id}/overview?format=json");

        var session = Assert.Single(overview.GetProperty("sessions").EnumerateArray());
        Assert.Equal(host.SessionId, session.GetProperty("sessionId").GetString());
        var total = overview.GetProperty("commitments").GetArrayLength();
        Assert.Equal(total, session.GetProperty("counts").GetProperty("total").GetInt32());
        var silent = overview.GetProperty("longestSilent").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(silent);
        Assert.NotEqual(host.TmpCommitment.Id, silent[0]);

        using var member = host.As(host.TmpMemberKey);
        var own = await member.GetFromJsonAsync<JsonElement>($"api/tenants/{host.Scope.Tmp.Id}/overview?format=json");
        Assert.All(own.GetProperty("commitments").EnumerateArray(),
            c => Assert.Contains(c.GetProperty("owners").EnumerateArray(), o => o.GetProperty("tenant").GetString() == host.Scope.Tmp.Id));
    }
}
