using Orleans.Core;

namespace Network.Domain.Storage;

/// <summary>
/// The one rule for writing a grain's state. A grain changes its state in memory and then writes it; when the write
/// fails (a version conflict, the database gone) memory is ahead of what is stored. The activation must then not serve
/// another call from that memory: it is deactivated once the failing call is done, so the next call activates it again
/// from storage, and the failure goes back to the caller, who was not acknowledged.
/// </summary>
public static class StateWrites
{
    /// <summary>Writes the state; on failure runs <paramref name="forget"/> (for caches the grain keeps beside its state), deactivates the grain and rethrows.</summary>
    public static async Task WriteOrStartOverAsync(this IStorage state, IGrainBase grain, Action? forget = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            forget?.Invoke();
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Clears the stored state under the same rule as <see cref="WriteOrStartOverAsync"/>.</summary>
    public static async Task ClearOrStartOverAsync(this IStorage state, IGrainBase grain, CancellationToken cancellationToken = default)
    {
        try
        {
            await state.ClearStateAsync(cancellationToken);
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
