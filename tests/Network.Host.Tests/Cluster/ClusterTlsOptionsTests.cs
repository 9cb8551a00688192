using Microsoft.Extensions.Configuration;
using Network.Host.Storage;

namespace Network.Host.Tests.Cluster;

/// <summary>Cluster:Tls is checked at start: every mistake stops the host with a message naming the setting.</summary>
public sealed class ClusterTlsOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new("network-tls-options");

    public void Dispose() => _directory.Dispose();

    private static ClusterTlsOptions Options(ClusterTlsFiles files, string? certificate = null, string? key = null, string? authority = null) => new()
    {
        CertificatePath = certificate ?? files.CertificatePath,
        KeyPath = key ?? files.KeyPath,
        CertificateAuthorityPath = authority ?? files.CertificateAuthorityPath,
    };

    private static InvalidOperationException Refused(ClusterTlsOptions options) =>
        Assert.Throws<InvalidOperationException>(options.Validate);

    [Fact]
    public void Without_settings_there_is_no_tls()
    {
        var cluster = ClusterSettings.From(new ConfigurationBuilder().Build());

        Assert.False(cluster.Tls.Enabled);
        Assert.Null(cluster.Tls.Load());
    }

    [Fact]
    public void The_three_settings_bind_under_cluster_tls_and_a_valid_set_loads()
    {
        using var authority = ClusterTlsCertificates.CreateAuthority("Cluster CA");
        using var intermediate = ClusterTlsCertificates.CreateIntermediate(authority, "Cluster issuer");
        using var silo = ClusterTlsCertificates.CreateLeaf(intermediate, "silo");
        var files = ClusterTlsCertificates.Write(_directory, "silo", silo, authority, intermediate);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(files.Settings().Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

        var cluster = ClusterSettings.From(configuration);

        Assert.Equal(files.CertificatePath, cluster.Tls.CertificatePath);
        Assert.Equal(files.KeyPath, cluster.Tls.KeyPath);
        Assert.Equal(files.CertificateAuthorityPath, cluster.Tls.CertificateAuthorityPath);
        using var credentials = cluster.Tls.Load();
        Assert.NotNull(credentials);
        Assert.True(credentials.Certificate.HasPrivateKey);
        Assert.Equal(silo.Thumbprint, credentials.Certificate.Thumbprint);
        Assert.Equal(intermediate.Thumbprint, Assert.Single(credentials.Intermediates).Thumbprint);
        Assert.Equal(authority.Thumbprint, Assert.Single(credentials.Roots).Thumbprint);
    }

    [Fact]
    public void A_self_signed_certificate_without_a_ca_is_its_own_root_and_trusts_only_itself()
    {
        using var shared = ClusterTlsCertificates.CreateLeaf(null, "network-cluster");
        using var other = ClusterTlsCertificates.CreateLeaf(null, "network-cluster");
        var files = ClusterTlsCertificates.Write(_directory, "shared", shared, null);

        using var credentials = files.Options.Load();

        Assert.NotNull(credentials);
        Assert.Equal(shared.Thumbprint, Assert.Single(credentials.Roots).Thumbprint);
        Assert.True(credentials.IsTrustedPeer(shared, null));
        Assert.False(credentials.IsTrustedPeer(other, null));
    }

    [Fact]
    public void A_peer_must_chain_to_the_configured_ca()
    {
        using var authority = ClusterTlsCertificates.CreateAuthority("Cluster CA");
        using var silo = ClusterTlsCertificates.CreateLeaf(authority, "silo");
        using var sibling = ClusterTlsCertificates.CreateLeaf(authority, "another-silo");
        using var outsiderAuthority = ClusterTlsCertificates.CreateAuthority("Cluster CA");
        using var outsider = ClusterTlsCertificates.CreateLeaf(outsiderAuthority, "silo");
        using var expired = ClusterTlsCertificates.CreateLeaf(authority, "old-silo", DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));

        using var credentials = ClusterTlsCertificates.Write(_directory, "silo", silo, authority).Options.Load();

        Assert.NotNull(credentials);
        Assert.True(credentials.IsTrustedPeer(sibling, null));
        // Same subject names, another CA: refused.
        Assert.False(credentials.IsTrustedPeer(outsider, null));
        Assert.False(credentials.IsTrustedPeer(expired, null));
        Assert.False(credentials.IsTrustedPeer(outsiderAuthority, null));
    }

    [Fact]
    public void Only_the_certificate_path_is_refused()
    {
        var error = Refused(new ClusterTlsOptions { CertificatePath = "/etc/network/tls/tls.crt" });

        Assert.Contains("Cluster:Tls:CertificatePath is set but Cluster:Tls:KeyPath is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_key_path_is_refused()
    {
        var error = Refused(new ClusterTlsOptions { KeyPath = "/etc/network/tls/tls.key" });

        Assert.Contains("Cluster:Tls:KeyPath is set but Cluster:Tls:CertificatePath is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_ca_path_is_refused()
    {
        var error = Refused(new ClusterTlsOptions { CertificateAuthorityPath = "/etc/network/tls/ca.crt" });

        Assert.Contains("Cluster:Tls:CertificateAuthorityPath is set but Cluster:Tls:CertificatePath and Cluster:Tls:KeyPath are empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_are_named_with_their_setting()
    {
        using var silo = ClusterTlsCertificates.CreateLeaf(null, "silo");
        var files = ClusterTlsCertificates.Write(_directory, "silo", silo, null);
        var missing = _directory.File("missing.pem");

        var certificate = Refused(Options(files, certificate: missing));
        var key = Refused(Options(files, key: missing));
        var authority = Refused(Options(files, authority: missing));

        Assert.StartsWith($"Cluster:Tls:CertificatePath is '{missing}', which cannot be read", certificate.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Cluster:Tls:KeyPath is '{missing}', which cannot be read", key.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Cluster:Tls:CertificateAuthorityPath is '{missing}', which cannot be read", authority.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_without_pem_content_are_named_with_their_setting()
    {
        using var silo = ClusterTlsCertificates.CreateLeaf(null, "silo");
        var files = ClusterTlsCertificates.Write(_directory, "silo", silo, null);
        var notPem = _directory.File("not.pem");
        File.WriteAllText(notPem, "hello\n");

        var certificate = Refused(Options(files, certificate: notPem));
        var key = Refused(Options(files, key: notPem));
        var authority = Refused(Options(files, authority: notPem));
        // The certificate file given as the key: a PEM file, but no key in it.
        var certificateAsKey = Refused(Options(files, key: files.CertificatePath));

        Assert.Contains("Cluster:Tls:CertificatePath", certificate.Message, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", certificate.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Tls:KeyPath", key.Message, StringComparison.Ordinal);
        Assert.Contains("holds no unencrypted RSA or EC private key", key.Message, StringComparison.Ordinal);
        Assert.Contains("holds no unencrypted RSA or EC private key", certificateAsKey.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Tls:CertificateAuthorityPath", authority.Message, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", authority.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused()
    {
        using var silo = ClusterTlsCertificates.CreateLeaf(null, "silo");
        using var other = ClusterTlsCertificates.CreateLeaf(null, "silo");
        using var ecAuthority = ClusterTlsCertificates.CreateAuthority("EC");
        var files = ClusterTlsCertificates.Write(_directory, "silo", silo, null);
        var otherFiles = ClusterTlsCertificates.Write(_directory, "other", other, null);
        var ecFiles = ClusterTlsCertificates.Write(_directory, "ec", ecAuthority, null);

        var rsaMismatch = Refused(Options(files, key: otherFiles.KeyPath));
        var algorithmMismatch = Refused(Options(files, key: ecFiles.KeyPath));

        foreach (var error in new[] { rsaMismatch, algorithmMismatch })
        {
            Assert.Contains("Cluster:Tls:KeyPath", error.Message, StringComparison.Ordinal);
            Assert.Contains("does not hold the private key of the certificate in Cluster:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        using var authority = ClusterTlsCertificates.CreateAuthority("Cluster CA");
        using var expired = ClusterTlsCertificates.CreateLeaf(authority, "silo", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-2));
        var files = ClusterTlsCertificates.Write(_directory, "expired", expired, authority);

        var error = Refused(files.Options);

        Assert.Contains("The certificate in Cluster:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("expired on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_refused()
    {
        using var future = ClusterTlsCertificates.CreateLeaf(null, "silo", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddDays(30));
        var files = ClusterTlsCertificates.Write(_directory, "future", future, null);

        var error = Refused(files.Options);

        Assert.Contains("Cluster:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not valid before", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_from_another_ca_than_the_configured_one_is_refused()
    {
        using var authority = ClusterTlsCertificates.CreateAuthority("Cluster CA");
        using var otherAuthority = ClusterTlsCertificates.CreateAuthority("Other CA");
        using var silo = ClusterTlsCertificates.CreateLeaf(otherAuthority, "silo");
        var files = ClusterTlsCertificates.Write(_directory, "silo", silo, authority);

        var error = Refused(files.Options);

        Assert.Contains("does not chain to the certificate authority in Cluster:Tls:CertificateAuthorityPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_signed_certificate_without_the_ca_path_is_refused()
    {
        using var authority = ClusterTlsCertificates.CreateAuthority("Cluster CA");
        using var silo = ClusterTlsCertificates.CreateLeaf(authority, "silo");
        var files = ClusterTlsCertificates.Write(_directory, "silo", silo, null);

        var error = Refused(files.Options);

        Assert.StartsWith("Cluster:Tls:CertificateAuthorityPath is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("not self-signed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_only_for_servers_is_refused()
    {
        using var serverOnly = ClusterTlsCertificates.CreateLeaf(null, "silo", clientAuthentication: false);
        var files = ClusterTlsCertificates.Write(_directory, "server-only", serverOnly, null);

        var error = Refused(files.Options);

        Assert.Contains("Cluster:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("both server and client authentication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_does_not_start_with_a_broken_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Cluster:Tls:CertificatePath", _directory.File("tls.crt"))])
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(configuration));

        Assert.Contains("Cluster:Tls:KeyPath is empty", error.Message, StringComparison.Ordinal);
    }
}
