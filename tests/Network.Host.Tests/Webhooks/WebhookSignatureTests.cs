using System.Text;
using Network.Domain.Webhooks;

namespace Network.Host.Tests.Webhooks;

/// <summary>The signature a receiver recomputes: the value here was computed apart, with Python's hmac module.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");

    [Fact]
    public void The_signature_is_the_lowercase_hex_hmac_sha256_of_the_body_with_the_secret()
    {
        Assert.Equal("sha256=dd6de9189ccd27daad93261fbf5a287c12f87b58dee8c636c5887e87bb85af2f", WebhookSignature.Sign("whsec-test", Body));
    }

    [Fact]
    public void Verify_accepts_the_signature_and_refuses_another_secret_another_body_or_none()
    {
        var header = WebhookSignature.Sign("whsec-test", Body);
        Assert.True(WebhookSignature.Verify("whsec-test", Body, header));
        Assert.False(WebhookSignature.Verify("another-secret", Body, header));
        Assert.False(WebhookSignature.Verify("whsec-test", Encoding.UTF8.GetBytes("{\"hello\":\"World\"}"), header));
        Assert.False(WebhookSignature.Verify("whsec-test", Body, null));
        Assert.False(WebhookSignature.Verify("whsec-test", Body, header.ToUpperInvariant()));
    }
}
