using System.Collections;
using System.Text.Json.Nodes;

namespace Network.Workflows.Runtime;

/// <summary>
/// The one rule of <see cref="WorkflowInstanceState.Compact"/> and its parts: a lazily made collection that is empty
/// is let go (its property makes it again when read), since an empty list or dictionary costs 32 to 80 bytes and
/// thousands of waiting instances hold mostly empty ones.
/// </summary>
public static class EmptyCollections
{
    /// <summary>Sets <paramref name="collection"/> to null when it is empty.</summary>
    public static void LetGo<T>(ref T? collection)
        where T : class, ICollection
    {
        if (collection is { Count: 0 })
        {
            collection = null;
        }
    }

    /// <summary>Sets <paramref name="json"/> to null when it has no properties.</summary>
    public static void LetGo(ref JsonObject? json)
    {
        if (json is { Count: 0 })
        {
            json = null;
        }
    }
}
