using System.Net.Mime;
using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.Serialization;
using Network.Contracts.Messaging;

namespace Network.Messaging.Inbound;

/// <summary>
/// Reads what a partner that does not use MassTransit sends: the message's camelCase JSON as the whole body, and the
/// contract's name (e.g. "ReportProgress") in the AMQP <c>type</c> property (or a <c>type</c> header on other
/// transports). A body without a known type is refused to the error queue with the list of types accepted.
/// It is the tenant endpoints' default, so a message without a content type is read as plain JSON; MassTransit's own
/// envelope (application/vnd.masstransit+json) is still read by MassTransit's deserializer.
/// </summary>
public sealed class PlainJsonDeserializer : IMessageDeserializer
{
    public static readonly ContentType PlainJson = new("application/json");

    public ContentType ContentType => PlainJson;

    public void Probe(ProbeContext context) => context?.CreateScope("plain-json").Add("contentType", PlainJson.MediaType);

    public ConsumeContext Deserialize(ReceiveContext receiveContext)
    {
        ArgumentNullException.ThrowIfNull(receiveContext);
        var typeName = receiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var amqp) && amqp.Properties.IsTypePresent()
            ? amqp.Properties.Type
            : receiveContext.TransportHeaders.Get<string>("type");
        return new BodyConsumeContext(receiveContext, Read(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress, typeName));
    }

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Read(body, headers, destinationAddress, headers.Get<string>("type"));
    }

    public MessageBody GetMessageBody(string text) => new StringMessageBody(text);

    private static SystemTextJsonRawSerializerContext Read(MessageBody body, Headers headers, Uri? destinationAddress, string? typeName)
    {
        ArgumentNullException.ThrowIfNull(body);
        var accepted = string.Join(", ", TenantLinks.AcceptedMessages.Select(t => t.Name));
        if (string.IsNullOrWhiteSpace(typeName))
        {
            throw new SerializationException($"A plain JSON message must name its type in the AMQP 'type' property: one of {accepted}.");
        }
        // Also take "Network.Contracts.Messaging.ReportProgress" or MassTransit's "urn:message:…:ReportProgress".
        var name = typeName.Trim();
        name = name[(name.LastIndexOfAny([':', '.']) + 1)..];
        var type = TenantLinks.AcceptedMessage(name)
            ?? throw new SerializationException($"'{typeName}' is not a message tenants send: use one of {accepted}.");
        JsonElement element;
        try
        {
            element = JsonSerializer.Deserialize<JsonElement>(body.GetBytes(), SystemTextJsonMessageSerializer.Options);
        }
        catch (JsonException error)
        {
            throw new SerializationException($"The body is not valid JSON: {error.Message}", error);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SerializationException($"The body must be a JSON object: the fields of {type.Name}.");
        }
        // Only the named contract may be read from this body, so exactly one consumer takes it.
        string[] messageTypes = [MessageUrn.ForTypeString(type)];
        var messageContext = new RawMessageContext(headers, destinationAddress, RawSerializerOptions.Default);
        return new SystemTextJsonRawSerializerContext(SystemTextJsonMessageSerializer.Instance, SystemTextJsonMessageSerializer.Options,
            PlainJson, messageContext, messageTypes, RawSerializerOptions.Default, element);
    }
}

/// <summary>Registers <see cref="PlainJsonDeserializer"/> for application/json on an endpoint.</summary>
public sealed class PlainJsonSerializerFactory : ISerializerFactory
{
    public ContentType ContentType => PlainJsonDeserializer.PlainJson;

    // Only ever registered to read; anything this host sends goes in MassTransit's envelope.
    public IMessageSerializer CreateSerializer() => new SystemTextJsonRawMessageSerializer();

    public IMessageDeserializer CreateDeserializer() => new PlainJsonDeserializer();
}
