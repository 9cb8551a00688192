using Network.Contracts.Webhooks;
using Network.Domain.ReadModel;
using Network.Domain.Webhooks;
using Network.Host.Api.Http;

namespace Network.Host.Api.Webhooks;

/// <summary>
/// A tenant's webhooks: register one (its secret shown once), list, read, delete, enable again after it was
/// disabled, send a test ping, read its delivery log. Coordinators only.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/tenants/{tenant}/webhooks").WithTags("Webhooks").RequireApiKey();

        webhooks.MapPost("", RegisterAsync)
            .WithName("RegisterWebhook")
            .WithSummary("Registers an https URL for chosen event types; every such event of the tenant is POSTed there, signed. The secret is in this answer only. Coordinators only.")
            .Accepts<CreateWebhookRequest>("application/json")
            .Produces<CreatedWebhookResource>(StatusCodes.Status201Created)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        webhooks.MapGet("", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("Lists the tenant's webhooks: URL, event types, enabled or why disabled, deliveries waiting; never the secrets. Coordinators only.")
            .Produces<IReadOnlyList<WebhookResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("{webhookId}", GetAsync)
            .WithName("GetWebhook")
            .WithSummary("A webhook. Coordinators only.")
            .Produces<WebhookResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapDelete("{webhookId}", DeleteAsync)
            .WithName("DeleteWebhook")
            .WithSummary("Deletes a webhook with its waiting deliveries and log. Coordinators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("{webhookId}:enable", EnableAsync)
            .WithName("EnableWebhook")
            .WithSummary("Enables a webhook that was disabled after failing; its waiting deliveries go out at once. Coordinators only.")
            .Produces<WebhookResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("{webhookId}:test", SendTestAsync)
            .WithName("TestWebhook")
            .WithSummary("Queues a signed 'webhook.test' ping to the webhook; its attempts show in the delivery log. Coordinators only.")
            .Produces<WebhookTestDeliveryResource>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("{webhookId}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary($"The webhook's delivery log, newest first (the newest {WebhookOutboxGrain.LogSize} attempts are kept). Coordinators only.")
            .WithDescription("Paging: offset (default 0), limit (1-200, default 50).")
            .Produces<WebhookDeliveryPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> RegisterAsync(string tenant, HttpContext http, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CreateWebhookRequest>(http.Request, cancellationToken);
        var created = await webhooks.RegisterAsync(tenant, request);
        return Results.Created($"/api/tenants/{tenant}/webhooks/{created.Id}", created);
    }

    private static async Task<IResult> ListAsync(string tenant, WebhookService webhooks) =>
        Results.Ok(await webhooks.ListAsync(tenant));

    private static async Task<IResult> GetAsync(string tenant, string webhookId, WebhookService webhooks) =>
        Results.Ok(await webhooks.GetAsync(tenant, webhookId));

    private static async Task<IResult> DeleteAsync(string tenant, string webhookId, WebhookService webhooks)
    {
        await webhooks.DeleteAsync(tenant, webhookId);
        return Results.NoContent();
    }

    private static async Task<IResult> EnableAsync(string tenant, string webhookId, WebhookService webhooks) =>
        Results.Ok(await webhooks.EnableAsync(tenant, webhookId));

    private static async Task<IResult> SendTestAsync(string tenant, string webhookId, WebhookService webhooks) =>
        Results.Accepted($"/api/tenants/{tenant}/webhooks/{webhookId}/deliveries", await webhooks.SendTestAsync(tenant, webhookId));

    private static async Task<IResult> DeliveriesAsync(string tenant, string webhookId, string? offset, string? limit, WebhookService webhooks) =>
        Results.Ok(await webhooks.DeliveriesAsync(tenant, webhookId,
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, ListPaging.MaxLimit) ?? ListPaging.DefaultLimit));
}
