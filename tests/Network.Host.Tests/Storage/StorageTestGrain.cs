using System.Text.Json.Serialization;
using Network.Host.Storage;

namespace Network.Host.Tests.Storage;

/// <summary>A tiny grain that keeps JSON state in the "network" store and uses durable reminders.</summary>
public interface IStorageTestGrain : IGrainWithStringKey
{
    Task SaveAsync(string text, int count, StorageTestColour colour, string note);

    Task<StorageTestSnapshot> ReadAsync();

    Task ClearAsync();

    Task RemindAsync(string name);

    Task ForgetReminderAsync(string name);

    Task<bool> HasReminderAsync(string name);
}

public enum StorageTestColour
{
    Grey,
    DeepBlue,
}

/// <summary>Polymorphic state, so the stored JSON carries System.Text.Json's "$type" discriminator.</summary>
[GenerateSerializer]
[JsonPolymorphic]
[JsonDerivedType(typeof(StorageTestNote), "note")]
public abstract class StorageTestEntry
{
    [Id(0)]
    public string At { get; set; } = "";
}

[GenerateSerializer]
public sealed class StorageTestNote : StorageTestEntry
{
    [Id(0)]
    public string Text { get; set; } = "";
}

[GenerateSerializer]
public sealed class StorageTestState
{
    [Id(0)]
    public string Text { get; set; } = "";

    [Id(1)]
    public int Count { get; set; }

    [Id(2)]
    public StorageTestColour Colour { get; set; }

    [Id(3)]
    public List<StorageTestEntry> Entries { get; set; } = [];
}

[GenerateSerializer]
public sealed record StorageTestSnapshot(
    [property: Id(0)] string Text,
    [property: Id(1)] int Count,
    [property: Id(2)] StorageTestColour Colour,
    [property: Id(3)] IReadOnlyList<string> Notes,
    [property: Id(4)] bool RecordExists);

public sealed class StorageTestGrain(
    [PersistentState("state", Network.Domain.StorageNames.Network)] IPersistentState<StorageTestState> state)
    : Grain, IStorageTestGrain, IRemindable
{
    public async Task SaveAsync(string text, int count, StorageTestColour colour, string note)
    {
        state.State.Text = text;
        state.State.Count = count;
        state.State.Colour = colour;
        state.State.Entries.Add(new StorageTestNote { At = "2016-12-10", Text = note });
        await state.WriteStateAsync();
    }

    public Task<StorageTestSnapshot> ReadAsync() => Task.FromResult(new StorageTestSnapshot(
        state.State.Text,
        state.State.Count,
        state.State.Colour,
        state.State.Entries.OfType<StorageTestNote>().Select(n => n.Text).ToList(),
        state.RecordExists));

    public Task ClearAsync() => state.ClearStateAsync();

    // Far in the future: the test only needs the reminder to be stored, not to fire.
    public Task RemindAsync(string name) =>
        this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(2));

    public async Task ForgetReminderAsync(string name)
    {
        var reminder = await this.GetReminder(name);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<bool> HasReminderAsync(string name) => await this.GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
