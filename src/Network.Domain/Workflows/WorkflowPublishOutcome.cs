using Network.Contracts.Workflows;

namespace Network.Domain.Workflows;

/// <summary>What publishing did: the version (now current for the tenant), whether it is new, and where it lives.</summary>
/// <param name="Created">False when the same YAML was published before: nothing changed.</param>
/// <param name="Location">The API path of the version, e.g. <c>/api/tenants/forum/workflows/commitment-lifecycle?version=2</c>.</param>
public sealed record WorkflowPublishOutcome(WorkflowVersionResource Version, bool Created, string Location);
