using System.Security.Cryptography;
using System.Text;

namespace Network.Workflows.Runtime;

/// <summary>
/// The id of the instance a call step starts: the caller's id, "--" and the call's id (<c>parent--c-1--c3</c>), as it
/// always was. Each level of nesting makes it longer, and ids are at most <see cref="MaxLength"/> characters (the
/// API's check), so one that would be longer becomes the start of that name and a hash of all of it:
/// <c>{the first 94 characters}--h{23 hex digits}</c>. The same caller and call always give the same id, so a call
/// sent again starts nothing twice; shallow children keep the ids they were stored under.
/// </summary>
public static class ChildInstanceIds
{
    /// <summary>The longest id of a thing inside a tenant (the domain's <c>LocalIds</c>).</summary>
    public const int MaxLength = 120;

    private const int HashDigits = 23;
    private const string HashMark = "--h";
    private const int KeptLength = MaxLength - 3 - HashDigits; // 3: HashMark.Length

    public static string For(string parentId, string callId)
    {
        ArgumentException.ThrowIfNullOrEmpty(parentId);
        ArgumentException.ThrowIfNullOrEmpty(callId);
        var nested = parentId + "--" + callId;
        if (nested.Length <= MaxLength)
        {
            return nested;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nested)))[..HashDigits];
        return nested[..KeptLength].TrimEnd('-') + HashMark + hash;
    }
}
