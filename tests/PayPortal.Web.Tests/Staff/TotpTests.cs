namespace PayPortal.Web.Tests.Staff;

public class TotpTests
{
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ), last 6 digits.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(2000000000, "279037")]
    public void Matches_the_rfc_test_vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.At("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
}
