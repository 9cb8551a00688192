namespace Network.Web.Session;

/// <summary>
/// Thrown by <see cref="SignedInCaller"/> after it ended a session whose key is gone and sent the browser to the
/// sign-in page: it stops the page's work. The layout's <c>SessionEndedBoundary</c> swallows it, so nothing of the
/// app renders meanwhile.
/// </summary>
public sealed class SessionEndedException : Exception
{
    public SessionEndedException()
        : base("The web session has ended; the browser is sent to the sign-in page.")
    {
    }

    public SessionEndedException(string message)
        : base(message)
    {
    }

    public SessionEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
