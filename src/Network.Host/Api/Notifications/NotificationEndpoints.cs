using Network.Contracts.Notifications;
using Network.Domain.Notifications;
using Network.Host.Api.Http;

namespace Network.Host.Api.Notifications;

/// <summary>A tenant's e-mail: send a test e-mail to a contact, and see what waits to go out. Coordinators only.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenant}/notifications:test-email", SendTestAsync).WithTags("Notifications").RequireApiKeyOn()
            .WithName("SendTestEmail")
            .WithSummary("Queues a test e-mail to one of the tenant's contacts (by address): says the SMTP settings work. 409 when e-mail is off.")
            .Accepts<TestEmailRequest>("application/json")
            .Produces<TestEmailResource>(StatusCodes.Status202Accepted)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/tenants/{tenant}/notifications/outbox", OutboxAsync).WithTags("Notifications").RequireApiKeyOn()
            .WithName("GetMailOutbox")
            .WithSummary("E-mail waiting for the mail server (attempts, last error, next attempt) and digests gathering.")
            .Produces<MailOutboxResource>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SendTestAsync(string tenant, HttpContext http, NotificationService notifications, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<TestEmailRequest>(http.Request, cancellationToken);
        var deliveryId = await notifications.SendTestAsync(tenant, request.Address);
        return Results.Accepted(value: new TestEmailResource(deliveryId, request.Address!.Trim()));
    }

    private static async Task<IResult> OutboxAsync(string tenant, NotificationService notifications)
    {
        var status = await notifications.OutboxAsync(tenant);
        return Results.Ok(new MailOutboxResource(
            notifications.EmailIsOn,
            status.Pending.Select(p => new PendingEmailResource(p.DeliveryId, p.Kind, p.Address, p.Attempts, p.NextAttemptAt, p.LastError)).ToList(),
            status.Digests.Select(d => new OpenDigestResource(d.Address, d.OpenedAt, d.DueAt, d.Lines)).ToList()));
    }
}
