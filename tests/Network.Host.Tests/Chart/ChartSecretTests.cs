using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>Credentials reach the host from Secrets only; a ConfigMap never carries one.</summary>
public sealed class ChartSecretTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_connection_string_passwords_and_bootstrap_key_come_from_secrets(string name)
    {
        var render = await chart.RenderAsync(name);

        foreach (var variable in SecretCases.SecretVariables)
        {
            var source = render.Environment[variable];
            Assert.True(source.FromSecret, $"{name}: {variable} must come from a Secret (secretKeyRef), not a value or a ConfigMap.");
        }
        AssertNoSecretInConfigMaps(render);
    }

    [Fact]
    public async Task Secret_like_values_stay_in_secret_references_and_out_of_every_config_map()
    {
        var render = await chart.RenderAsync(SecretCases.Markers);
        var environment = render.Environment;

        Assert.Equal(("marker-postgres-secret", "marker-connection-string-key"), SecretOf(environment, "Storage__ConnectionString"));
        Assert.Equal(("marker-rabbitmq-secret", "marker-rabbitmq-password-key"), SecretOf(environment, "Messaging__RabbitMq__Password"));
        Assert.Equal(("marker-bootstrap-secret", "marker-bootstrap-key"), SecretOf(environment, "NETWORK_BOOTSTRAP_KEY"));
        Assert.Equal(("marker-smtp-secret", "marker-smtp-password-key"), SecretOf(environment, "Notifications__Smtp__Password"));
        Assert.Equal(("marker-signing-secret", "marker-signing-key"), SecretOf(environment, "Notifications__SigningKey"));
        // The plain extra settings did reach the ConfigMap, so it is the right one being searched below.
        Assert.True(environment["Notifications__Smtp__Host"].FromConfigMap);
        foreach (var configMap in render.OfKind("ConfigMap"))
        {
            Assert.DoesNotContain("marker-", configMap.ToString(), StringComparison.Ordinal);
        }
        AssertNoSecretInConfigMaps(render);
    }

    [Fact]
    public async Task A_password_given_as_a_plain_setting_stops_the_render()
    {
        var render = await chart.AttemptAsync(SecretCases.PasswordAsSetting);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("extraSettings.Notifications__Smtp__Password looks like a secret", render.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("marker-plain-password", render.Errors, StringComparison.Ordinal);
    }

    private static (string?, string?) SecretOf(ContainerEnvironment environment, string name)
    {
        var source = environment[name];
        return (source.SecretName, source.SecretKey);
    }

    // No ConfigMap entry is named like a secret, or holds a connection string with a password in it.
    private static void AssertNoSecretInConfigMaps(ChartRender render)
    {
        foreach (var configMap in render.OfKind("ConfigMap"))
        {
            if (configMap.Find("data") is not YamlMappingNode data)
            {
                continue;
            }
            foreach (var (key, value) in data.Strings())
            {
                Assert.DoesNotContain(key, SecretCases.SecretVariables);
                Assert.DoesNotMatch("(?i)password|connectionstring|secret|signingkey|bootstrap_key", key);
                Assert.DoesNotMatch("(?i)password\\s*=", value);
            }
        }
    }
}
