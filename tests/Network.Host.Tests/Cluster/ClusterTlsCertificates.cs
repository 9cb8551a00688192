using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Network.Host.Storage;

namespace Network.Host.Tests.Cluster;

/// <summary>The PEM files of one certificate, as cert-manager writes them (tls.crt with its chain, tls.key, ca.crt).</summary>
public sealed record ClusterTlsFiles(string CertificatePath, string KeyPath, string? CertificateAuthorityPath)
{
    public ClusterTlsOptions Options => new()
    {
        CertificatePath = CertificatePath,
        KeyPath = KeyPath,
        CertificateAuthorityPath = CertificateAuthorityPath,
    };

    /// <summary>The host's settings for these files.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings()
    {
        yield return new(ClusterTlsOptions.CertificatePathSetting, CertificatePath);
        yield return new(ClusterTlsOptions.KeyPathSetting, KeyPath);
        if (CertificateAuthorityPath is not null)
        {
            yield return new(ClusterTlsOptions.CertificateAuthorityPathSetting, CertificateAuthorityPath);
        }
    }
}

/// <summary>
/// Certificates made in the test with <see cref="CertificateRequest"/>: certificate authorities, intermediates and
/// the leaf certificates silos present, written as PEM files into a directory.
/// </summary>
public static class ClusterTlsCertificates
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>A self-signed certificate authority (EC P-256), valid from yesterday for a year.</summary>
    public static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>An intermediate certificate authority signed by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string name)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var signed = Sign(request, issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// A silo certificate (RSA 2048, server and client authentication) signed by <paramref name="issuer"/>, or
    /// self-signed when it is null; <paramref name="notBefore"/> and <paramref name="notAfter"/> default to a valid day.
    /// </summary>
    public static X509Certificate2 CreateLeaf(
        X509Certificate2? issuer, string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool clientAuthentication = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var usages = new OidCollection { new Oid(ServerAuthentication) };
        if (clientAuthentication)
        {
            usages.Add(new Oid(ClientAuthentication));
        }
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddHours(-1);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(1);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, until);
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var signed = Sign(request, issuer, from, until);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Writes <paramref name="certificate"/> followed by <paramref name="chain"/> to <c>{prefix}.crt</c>, its key to
    /// <c>{prefix}.key</c> (PKCS#8) and <paramref name="authority"/>, if any, to <c>{prefix}-ca.crt</c>.
    /// </summary>
    public static ClusterTlsFiles Write(
        TempDirectory directory, string prefix, X509Certificate2 certificate, X509Certificate2? authority, params X509Certificate2[] chain)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(certificate);
        var certificatePath = directory.File($"{prefix}.crt");
        File.WriteAllText(certificatePath, string.Concat(chain.Prepend(certificate).Select(c => c.ExportCertificatePem() + "\n")));
        var keyPath = directory.File($"{prefix}.key");
        File.WriteAllText(keyPath, PrivateKeyPem(certificate));
        string? authorityPath = null;
        if (authority is not null)
        {
            authorityPath = directory.File($"{prefix}-ca.crt");
            File.WriteAllText(authorityPath, authority.ExportCertificatePem() + "\n");
        }
        return new ClusterTlsFiles(certificatePath, keyPath, authorityPath);
    }

    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is not null)
        {
            return rsa.ExportPkcs8PrivateKeyPem();
        }
        using var ecdsa = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no private key.");
        return ecdsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Signs with the issuer's key, whatever its algorithm (the authorities here are EC, the silos RSA).</summary>
    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 issuer, DateTimeOffset from, DateTimeOffset until)
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        using var ecdsa = issuer.GetECDsaPrivateKey();
        if (ecdsa is not null)
        {
            return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(ecdsa), from, until, serial);
        }
        using var rsa = issuer.GetRSAPrivateKey() ?? throw new InvalidOperationException("The issuer has no private key.");
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), from, until, serial);
    }
}
