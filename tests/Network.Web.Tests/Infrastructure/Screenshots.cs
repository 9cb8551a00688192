using Microsoft.Playwright;

namespace Network.Web.Tests.Infrastructure;

/// <summary>Saves what a page shows to docs/screenshots/&lt;name&gt;.png at the repository root (the folder of Network.sln).</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    /// <param name="fullPage">The whole page; false takes what the window shows (a long page with a fixed header
    /// reads better that way).</param>
    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Network.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Network.sln above {AppContext.BaseDirectory}.");
    }
}
