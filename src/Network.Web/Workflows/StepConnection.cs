namespace Network.Web.Workflows;

/// <summary>A transition drawn on the canvas by dragging from <paramref name="From"/>'s handle to <paramref name="To"/>.</summary>
public sealed record StepConnection(string From, string To);
