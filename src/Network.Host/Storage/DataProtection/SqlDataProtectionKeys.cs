using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Network.Host.ReadModel;

namespace Network.Host.Storage.DataProtection;

/// <summary>
/// ASP.NET Core's data-protection key ring in the host's database (table <c>data_protection_key</c>), so every host
/// on one database encrypts and reads the web app's cookies and antiforgery tokens with the same keys: a browser
/// signed in through one silo keeps working through another, and a restart signs nobody out.
/// </summary>
/// <remarks>
/// The key manager calls this rarely (when it loads the ring, about once a day, and when it meets a key id it does not
/// know) and synchronously, so the calls block on the database; they never run per request.
/// The keys are stored as the key manager writes them, unencrypted: whoever reads this database can forge a web
/// session, as whoever reads it can already read every tenant's data. Protect the database (its backups too).
/// </remarks>
internal sealed class SqlDataProtectionKeys(ReadModelDialect dialect, TimeProvider clock) : IXmlRepository
{
    private const string SelectAll = "SELECT xml FROM data_protection_key ORDER BY created_at, friendly_name";

    // Two hosts starting together may each make a key; both are kept (a ring holds several keys), so an insert
    // that finds the name taken changes nothing.
    private const string Insert =
        "INSERT INTO data_protection_key (friendly_name, xml, created_at) VALUES (@name, @xml, @at) ON CONFLICT (friendly_name) DO NOTHING";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = ReadModelDialect.Command(connection, null, SelectAll);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        using var connection = Open();
        using var command = ReadModelDialect.Command(connection, null, Insert, new Dictionary<string, object>
        {
            ["@name"] = friendlyName,
            ["@xml"] = element.ToString(SaveOptions.DisableFormatting),
            ["@at"] = dialect.ToInstant(clock.GetUtcNow()),
        });
        command.ExecuteNonQuery();
    }

    private DbConnection Open() => dialect.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
}
