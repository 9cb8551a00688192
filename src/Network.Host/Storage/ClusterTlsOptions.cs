using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Network.Host.Storage;

/// <summary>
/// The "Cluster:Tls" section: the cluster certificate that silo-to-silo and client-to-gateway connections present
/// and require of each other (mutual TLS). Paths name PEM files as cert-manager writes them: <c>tls.crt</c> (the
/// certificate, possibly followed by its chain), <c>tls.key</c> (its private key, unencrypted) and <c>ca.crt</c>.
/// Nothing set: no TLS (the cluster's ports must then be reachable by trusted parties only).
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Cluster:Tls";
    public const string CertificatePathSetting = Section + ":" + nameof(CertificatePath);
    public const string KeyPathSetting = Section + ":" + nameof(KeyPath);
    public const string CertificateAuthorityPathSetting = Section + ":" + nameof(CertificateAuthorityPath);

    /// <summary>This silo's certificate (PEM), possibly followed by the intermediate certificates of its chain.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC; not encrypted).</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// The certificate authorities (PEM bundle) a peer's certificate must chain to. Empty: the configured certificate
    /// must be self-signed and is itself the only root, so every silo and client shares that one certificate.
    /// </summary>
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>Whether any TLS setting is given (then <see cref="Load"/> either succeeds or says what is wrong).</summary>
    public bool Enabled =>
        !string.IsNullOrWhiteSpace(CertificatePath)
        || !string.IsNullOrWhiteSpace(KeyPath)
        || !string.IsNullOrWhiteSpace(CertificateAuthorityPath);

    /// <summary>Reads the files once to check them; throws an <see cref="InvalidOperationException"/> naming the setting.</summary>
    public void Validate()
    {
        using var credentials = Load();
    }

    /// <summary>
    /// The certificate, its key, its chain and the roots peers must chain to; null when TLS is not configured. Any
    /// mistake (one path of the pair missing, an unreadable file, a key of another certificate, an expired
    /// certificate, a certificate its own trust would refuse) throws an <see cref="InvalidOperationException"/> that
    /// names the setting to fix.
    /// </summary>
    public ClusterTlsCredentials? Load() => Load(DateTimeOffset.UtcNow);

    internal ClusterTlsCredentials? Load(DateTimeOffset now)
    {
        if (!Enabled)
        {
            return null;
        }
        var hasCertificate = !string.IsNullOrWhiteSpace(CertificatePath);
        var hasKey = !string.IsNullOrWhiteSpace(KeyPath);
        if (!hasCertificate && !hasKey)
        {
            throw new InvalidOperationException(
                $"{CertificateAuthorityPathSetting} is set but {CertificatePathSetting} and {KeyPathSetting} are empty: " +
                "give the silo's certificate and key too (PEM files, e.g. cert-manager's tls.crt and tls.key), or none of the three.");
        }
        if (!hasKey)
        {
            throw new InvalidOperationException(
                $"{CertificatePathSetting} is set but {KeyPathSetting} is empty: give both (PEM files, e.g. tls.crt and tls.key) or neither.");
        }
        if (!hasCertificate)
        {
            throw new InvalidOperationException(
                $"{KeyPathSetting} is set but {CertificatePathSetting} is empty: give both (PEM files, e.g. tls.crt and tls.key) or neither.");
        }

        var chain = ReadCertificates(CertificatePathSetting, CertificatePath!);
        var leaf = chain[0];
        var certificate = AttachKey(leaf, ReadFile(KeyPathSetting, KeyPath!));
        try
        {
            CheckValidity(leaf, now);
            CheckUsage(leaf);
            var intermediates = new X509Certificate2Collection();
            for (var i = 1; i < chain.Count; i++)
            {
                intermediates.Add(chain[i]);
            }

            X509Certificate2Collection roots;
            if (string.IsNullOrWhiteSpace(CertificateAuthorityPath))
            {
                if (!IsSelfSigned(leaf))
                {
                    throw new InvalidOperationException(
                        $"{CertificateAuthorityPathSetting} is empty, so the certificate in {CertificatePathSetting} " +
                        $"('{CertificatePath}') would be the cluster's only root of trust, but it is not self-signed " +
                        $"(issuer {leaf.Issuer}): give the issuing CA's certificate (PEM, e.g. cert-manager's ca.crt) in {CertificateAuthorityPathSetting}.");
                }
                roots = [X509CertificateLoader.LoadCertificate(leaf.RawData)];
            }
            else
            {
                roots = ReadCertificates(CertificateAuthorityPathSetting, CertificateAuthorityPath);
            }

            var credentials = new ClusterTlsCredentials(certificate, intermediates, roots);
            var status = credentials.Verify(leaf, intermediates, now);
            if (status is not null)
            {
                credentials.Dispose();
                throw new InvalidOperationException(
                    $"The certificate in {CertificatePathSetting} ('{CertificatePath}', {leaf.Subject}) does not chain to " +
                    (string.IsNullOrWhiteSpace(CertificateAuthorityPath)
                        ? "itself"
                        : $"the certificate authority in {CertificateAuthorityPathSetting} ('{CertificateAuthorityPath}')") +
                    $" ({status}); the other silos would refuse it. Give the CA that issued it.");
            }
            return credentials;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    private static string ReadFile(string setting, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidOperationException($"{setting} is '{path}', which cannot be read: {e.Message}", e);
        }
    }

    private static X509Certificate2Collection ReadCertificates(string setting, string path)
    {
        var pem = ReadFile(setting, path);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting} is '{path}', which holds a malformed PEM certificate: {e.Message}", e);
        }
        return certificates.Count > 0
            ? certificates
            : throw new InvalidOperationException(
                $"{setting} is '{path}', which holds no PEM certificate (a block starting with -----BEGIN CERTIFICATE-----).");
    }

    private X509Certificate2 AttachKey(X509Certificate2 certificate, string keyPem)
    {
        using var rsa = RSA.Create();
        if (TryImport(rsa, keyPem))
        {
            return certificate.GetRSAPublicKey() is null ? throw KeyMismatch() : CopyWithKey(() => certificate.CopyWithPrivateKey(rsa));
        }
        using var ecdsa = ECDsa.Create();
        if (TryImport(ecdsa, keyPem))
        {
            return certificate.GetECDsaPublicKey() is null ? throw KeyMismatch() : CopyWithKey(() => certificate.CopyWithPrivateKey(ecdsa));
        }
        throw new InvalidOperationException(
            $"{KeyPathSetting} is '{KeyPath}', which holds no unencrypted RSA or EC private key in PEM " +
            "(-----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----).");

        X509Certificate2 CopyWithKey(Func<X509Certificate2> copy)
        {
            try
            {
                return copy();
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw KeyMismatch(e);
            }
        }
    }

    private InvalidOperationException KeyMismatch(Exception? inner = null) => new(
        $"{KeyPathSetting} ('{KeyPath}') does not hold the private key of the certificate in {CertificatePathSetting} " +
        $"('{CertificatePath}'): give the key that was issued with it (tls.key beside tls.crt).",
        inner);

    private static bool TryImport(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private void CheckValidity(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime)
        {
            throw new InvalidOperationException(
                $"The certificate in {CertificatePathSetting} ('{CertificatePath}', {certificate.Subject}) expired on " +
                $"{certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC: renew it (cert-manager renews it before then).");
        }
        if (certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            throw new InvalidOperationException(
                $"The certificate in {CertificatePathSetting} ('{CertificatePath}', {certificate.Subject}) is not valid before " +
                $"{certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC: check this machine's clock or the certificate.");
        }
    }

    /// <summary>Each silo is both a TLS server and a TLS client, so an extended key usage, if any, must allow both.</summary>
    private void CheckUsage(X509Certificate2 certificate)
    {
        const string serverAuthentication = "1.3.6.1.5.5.7.3.1";
        const string clientAuthentication = "1.3.6.1.5.5.7.3.2";
        var usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usage is null)
        {
            return;
        }
        var oids = usage.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        if (!oids.Contains(serverAuthentication) || !oids.Contains(clientAuthentication))
        {
            throw new InvalidOperationException(
                $"The certificate in {CertificatePathSetting} ('{CertificatePath}') limits its extended key usage without " +
                "allowing both server and client authentication; every silo is both ends of a connection, so issue it " +
                "with both (cert-manager: usages 'server auth' and 'client auth') or with no extended key usage.");
        }
    }

    private static bool IsSelfSigned(X509Certificate2 certificate)
    {
        if (!certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate) && chain.ChainElements.Count == 1;
    }
}
