using Microsoft.Extensions.Options;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Quotas;

/// <summary>One tenant's import allowance for the day: a day and a byte count, reset when the UTC day changes.</summary>
[GrainType("import-meter")]
public sealed class ImportMeterGrain(
    [PersistentState("import-meter", StorageNames.Network)] IPersistentState<ImportMeterGrain.State> state,
    IOptions<TenantQuotaOptions> quotas,
    TimeProvider clock)
    : Grain, IImportMeterGrain
{
    public sealed class State
    {
        public DateOnly Day { get; set; }
        public long Bytes { get; set; }
    }

    public async Task Use(long bytes)
    {
        if (TenantCallContext.Current is not { IsSystem: true })
        {
            throw new TenantAccessDeniedException(this.GetPrimaryKeyString());
        }
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var used = state.State.Day == today ? state.State.Bytes : 0;
        var perDay = quotas.Value.ImportedBytesPerDay;
        if (used + bytes > perDay)
        {
            var tomorrow = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            throw new QuotaExceededException("Limits:Quotas:ImportedBytesPerDay",
                $"This tenant imported {used:N0} bytes today (UTC); {bytes:N0} more would pass its {perDay:N0} a day. It resets at {tomorrow:u}.",
                tomorrow - now);
        }
        state.State.Day = today;
        state.State.Bytes = used + bytes;
        await state.WriteOrStartOverAsync(this);
    }
}
