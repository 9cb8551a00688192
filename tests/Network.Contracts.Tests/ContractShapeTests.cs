using System.Text.Json;
using Network.Contracts.Tenants;

namespace Network.Contracts.Tests;

public sealed class ContractShapeTests
{
    [Fact]
    public void The_contracts_assembly_references_only_the_framework()
    {
        // A partner's .NET system must be able to use this project as it is, without pulling in our dependencies.
        var references = typeof(CreateTenantRequest).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard" || name == "mscorlib",
            $"Network.Contracts references {name}"));
    }

    [Fact]
    public void Requests_travel_as_camel_case_json()
    {
        var json = JsonSerializer.Serialize(new CreateTenantRequest("tmp", "Transnational Migrant Platform", TenantKinds.Platform, "network"), JsonSerializerOptions.Web);
        Assert.Equal("""{"id":"tmp","name":"Transnational Migrant Platform","kind":"platform","parent":"network","aliases":null}""", json);
    }

    [Fact]
    public void A_created_key_round_trips()
    {
        var key = new CreatedApiKeyResource("key-1", ApiKeyRoles.Member, "CRM", new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), "nwk_secret");
        var json = JsonSerializer.Serialize(key, JsonSerializerOptions.Web);
        Assert.Equal(key, JsonSerializer.Deserialize<CreatedApiKeyResource>(json, JsonSerializerOptions.Web));
    }

    [Fact]
    public void The_wire_names_of_kinds_and_roles_are_fixed()
    {
        Assert.Equal(["network", "organisation", "platform", "campaign"], TenantKinds.All);
        Assert.Equal(["coordinator", "member", "integration"], ApiKeyRoles.All);
    }
}
