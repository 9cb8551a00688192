using System.Net;
using Network.Domain.Errors;
using Network.Domain.Notifications;

namespace Network.Host.Api.Notifications;

/// <summary>
/// The "stop these e-mails" link of every e-mail, without signing in: the token's signature is the authority.
/// GET asks (mail scanners open links; they must not unsubscribe anyone); POST stops, including the one-click POST
/// of mail clients (RFC 8058, <c>List-Unsubscribe-Post</c>). A small page in plain HTML either way.
/// </summary>
public static class UnsubscribeEndpoints
{
    public const string Path = "/notifications/unsubscribe";

    public static IEndpointRouteBuilder MapUnsubscribeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, AskAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, StopAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AskAsync(string? token, NotificationService notifications)
    {
        try
        {
            var request = await notifications.ReadUnsubscribeAsync(token);
            var action = Path + "?token=" + Uri.EscapeDataString(token!);
            return Page(StatusCodes.Status200OK, "Stop these e-mails?",
                $"<p>Stop {Category(request.Category)} to <strong>{Encode(request.Address)}</strong>?</p>" +
                $"<form method=\"post\" action=\"{Encode(action)}\"><button type=\"submit\">Stop these e-mails</button></form>" +
                "<p>The other e-mails you get from Network do not change. A coordinator of your organisation can turn them on again.</p>");
        }
        catch (DomainValidationException refusal)
        {
            return Page(StatusCodes.Status400BadRequest, "This link does not work", $"<p>{Encode(refusal.Message)}</p>");
        }
    }

    private static async Task<IResult> StopAsync(string? token, NotificationService notifications)
    {
        try
        {
            var outcome = await notifications.UnsubscribeAsync(token);
            return Page(StatusCodes.Status200OK, "You will not get these e-mails any more",
                $"<p>{Encode(outcome.Address)} will not get {Category(outcome.Category)} for {Encode(outcome.TenantName)} any more.</p>" +
                "<p>Every other e-mail you get from Network stays as it was.</p>");
        }
        catch (DomainValidationException refusal)
        {
            return Page(StatusCodes.Status400BadRequest, "This link does not work", $"<p>{Encode(refusal.Message)}</p>");
        }
        catch (DomainNotFoundException gone)
        {
            return Page(StatusCodes.Status404NotFound, "Nothing to stop", $"<p>{Encode(gone.Message)}</p>");
        }
    }

    private static string Category(string category) => category == Delivery.EscalationsAndTasks
        ? "e-mails about escalations and tasks"
        : "check-in reminders and notifications by e-mail";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
        $"<title>{Encode(title)} · Network</title><style>body{{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}}" +
        $"button{{font:inherit;padding:.5em 1em}}</style></head><body><h1>{Encode(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8", statusCode: status);
}
