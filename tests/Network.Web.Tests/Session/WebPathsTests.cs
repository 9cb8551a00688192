namespace Network.Web.Tests.Session;

/// <summary>Return addresses: only paths on this site, so sign-in and the language form never redirect elsewhere.</summary>
public sealed class WebPathsTests
{
    [Theory]
    [InlineData("/tasks?status=open", "/tasks?status=open")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://example.org/", "/")]
    [InlineData("//example.org/", "/")]
    [InlineData("/\\example.org/", "/")]
    [InlineData("tasks", "/")]
    [InlineData("/tasks\r\nSet-Cookie: x", "/")]
    public void Only_local_paths_are_kept(string? url, string expected) => Assert.Equal(expected, WebPaths.LocalOrRoot(url));
}
