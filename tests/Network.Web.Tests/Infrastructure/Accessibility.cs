using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Network.Web.Tests.Infrastructure;

/// <summary>Runs axe on the page as it is now and fails on any serious or critical violation, listing each.</summary>
public static class Accessibility
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToList();
        if (blocking.Count > 0)
        {
            var lines = blocking.SelectMany(v => v.Nodes.Select(n =>
                $"- [{v.Impact}] {v.Id}: {v.Help} at {n.Target}: {n.Html}"));
            Assert.Fail($"axe found {blocking.Count} serious or critical violation(s) on {page.Url}:\n{string.Join("\n", lines)}");
        }
    }
}
