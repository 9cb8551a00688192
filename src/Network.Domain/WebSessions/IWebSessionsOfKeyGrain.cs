namespace Network.Domain.WebSessions;

/// <summary>
/// The web sessions signed in with one API key, keyed by the key's hash: when the key is revoked every one of them
/// ends, whichever host each is used through.
/// </summary>
public interface IWebSessionsOfKeyGrain : IGrainWithStringKey
{
    /// <summary>Remembers a session begun <paramref name="now"/> (the web app's clock), first dropping ended ones.</summary>
    Task Add(string sessionId, DateTimeOffset now);

    /// <summary>Ends every session of the key and forgets them.</summary>
    Task EndAll();
}
