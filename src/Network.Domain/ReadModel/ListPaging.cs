using System.Globalization;
using Network.Domain.Errors;

namespace Network.Domain.ReadModel;

/// <summary>The bounds every paged list keeps (the read models refuse anything else), checked where the request comes in.</summary>
public static class ListPaging
{
    /// <summary>The largest page a list gives.</summary>
    public const int MaxLimit = 200;

    public const int DefaultLimit = 50;

    public static void Check(int offset, int limit)
    {
        InRange(offset, "offset", 0, int.MaxValue);
        InRange(limit, "limit", 1, MaxLimit);
    }

    /// <summary>Refuses a number outside [min, max] with the message the API has always given for it.</summary>
    public static void InRange(int value, string field, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new DomainValidationException(field,
                string.Create(CultureInfo.InvariantCulture, $"'{value}' is not a whole number from {min} to {max}."));
        }
    }
}
