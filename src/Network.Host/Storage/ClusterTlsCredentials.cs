using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Network.Host.Storage;

/// <summary>
/// What <see cref="ClusterTlsOptions.Load"/> read: this silo's certificate with its key and chain, and the roots a
/// peer's certificate must chain to. <see cref="Configure"/> turns it into Orleans' <see cref="TlsOptions"/>.
/// </summary>
/// <remarks>
/// A peer is trusted when its certificate chains to one of <see cref="Roots"/> and nothing else: the machine's own
/// certificate store is never consulted (custom root trust), the peer's host name is not compared (silos are
/// reached by pod IP addresses, which change with every pod and appear in no certificate), and revocation is not
/// checked (a cluster CA publishes no revocation list; keep certificates short-lived instead). Anyone holding a
/// certificate and key issued by the cluster's CA is therefore a member: give the cluster a CA of its own.
/// </remarks>
public sealed class ClusterTlsCredentials : IDisposable
{
    private readonly SslStreamCertificateContext _context;

    internal ClusterTlsCredentials(X509Certificate2 certificate, X509Certificate2Collection intermediates, X509Certificate2Collection roots)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Roots = roots;
        // The context sends the intermediates with the certificate, so a peer that trusts only the root can build the
        // chain; offline: nothing is downloaded.
        _context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
    }

    /// <summary>This silo's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificates that followed it in its PEM file (its chain), sent along in every handshake.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The only roots of trust: the CA bundle, or the self-signed certificate itself.</summary>
    public X509Certificate2Collection Roots { get; }

    /// <summary>
    /// Mutual TLS, required both ways: this silo presents its certificate as server and as client, asks every peer for
    /// one, and accepts a peer only if <see cref="IsTrustedPeer"/> says so.
    /// </summary>
    public void Configure(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.CheckCertificateRevocation = false;
        options.RemoteCertificateValidation = (certificate, chain, _) => IsTrustedPeer(certificate, chain);
        options.OnAuthenticateAsServer = (_, server) =>
        {
            // Present the certificate with its chain rather than the bare certificate Orleans would select.
            server.ServerCertificateSelectionCallback = null;
            server.ServerCertificate = null;
            ((SslServerAuthenticationOptions)server.SslServerAuthenticationOptions).ServerCertificateContext = _context;
        };
        options.OnAuthenticateAsClient = (_, client) =>
        {
            client.ClientCertificates = null;
            client.LocalCertificateSelectionCallback = null;
            ((SslClientAuthenticationOptions)client.SslClientAuthenticationOptions).ClientCertificateContext = _context;
        };
    }

    /// <summary>
    /// Whether a peer's certificate chains to <see cref="Roots"/>, with the intermediates the peer sent; the policy
    /// errors the TLS layer found on its own (name mismatch, a root the machine does not know) are not used.
    /// </summary>
    public bool IsTrustedPeer(X509Certificate2 certificate, X509Chain? presented)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extra = new X509Certificate2Collection();
        if (presented is not null)
        {
            extra.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements)
            {
                extra.Add(element.Certificate);
            }
        }
        return Verify(certificate, extra, DateTimeOffset.UtcNow) is null;
    }

    /// <summary>Null when <paramref name="certificate"/> chains to <see cref="Roots"/> at <paramref name="now"/>; else why not.</summary>
    internal string? Verify(X509Certificate2 certificate, X509Certificate2Collection extra, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Roots);
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(certificate))
        {
            return null;
        }
        var problems = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct();
        return string.Join(", ", problems);
    }

    public void Dispose()
    {
        Certificate.Dispose();
    }
}
