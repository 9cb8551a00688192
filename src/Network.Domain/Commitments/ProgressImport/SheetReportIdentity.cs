using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Network.Contracts.Commitments;

namespace Network.Domain.Commitments.ProgressImport;

/// <summary>
/// The one rule that makes re-uploading a progress sheet safe: <b>a row with identical content is the same report</b>.
/// A row's message id is derived from what it says (commitment, status, note, evidence, after trimming and with the
/// status in lower case), and the commitment grain applies a message id once (<see cref="CommitmentState.AppliedMessageIds"/>).
/// So the same file uploaded twice changes nothing the second time, and an edited copy applies only its changed rows.
/// The other side of the rule: to report exactly the same status, note and evidence again later, change the note.
/// A commitment remembers the message ids it applied for <see cref="Network.Domain.Storage.StateKeySets.Retention"/>.
/// </summary>
public static class SheetReportIdentity
{
    public const string Prefix = "sheet:";

    /// <summary><c>sheet:</c> and the SHA-256 (hex) of the row's four values as a JSON array, so no separator inside a note can make two rows alike.</summary>
    public static string MessageId(string commitmentId, ReportProgressRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = JsonSerializer.Serialize(new[] { commitmentId, request.Status, request.Note, request.EvidenceUrl });
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
