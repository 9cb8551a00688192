using Network.Contracts.Commitments;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Web.Session;
using Network.Workflows.Loading;

namespace Network.Web.Commitments;

/// <summary>
/// Colours commitments for one signed-in view: <see cref="TrafficLight"/> with the check-in period the viewer's
/// tenant runs the commitment lifecycle with (its <c>checkInEvery</c> setting, inherited down the tree).
/// </summary>
public sealed class CommitmentLights(WorkflowDefinitionService definitions, TimeProvider time)
{
    /// <summary>The library definition that follows every commitment (workflows/commitment-lifecycle.yaml).</summary>
    public const string LifecycleDefinition = "commitment-lifecycle";

    private const string CheckInSetting = "checkInEvery";

    private IsoDuration _checkInPeriod = TrafficLight.DefaultCheckInPeriod;

    public async Task LoadAsync(SignedInCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        try
        {
            var settings = await caller.CallAsync(() => definitions.GetSettingsAsync(caller.TenantId, LifecycleDefinition));
            _checkInPeriod = TrafficLight.CheckInPeriod(settings.Effective.GetValueOrDefault(CheckInSetting));
        }
        catch (Exception e) when (e is DomainNotFoundException or TenantAccessDeniedException)
        {
            // A network that replaced the lifecycle with a definition of another name: the default period applies.
            _checkInPeriod = TrafficLight.DefaultCheckInPeriod;
        }
    }

    /// <summary>A listed commitment: its last change stands for its latest sign of life.</summary>
    public TrafficLightColour Of(CommitmentSummaryResource commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return TrafficLight.Of(commitment.Status, commitment.DueOn, commitment.UpdatedAt, _checkInPeriod, time.GetUtcNow());
    }

    /// <summary>One commitment: its latest progress, else when it was recorded.</summary>
    public TrafficLightColour Of(CommitmentResource commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return TrafficLight.Of(commitment.Status, commitment.DueOn, commitment.LastProgressAt ?? commitment.CreatedAt, _checkInPeriod, time.GetUtcNow());
    }
}
