using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PayPortal.Infrastructure.Stripe;

/// <summary>
/// Stripe's webhook signatures: header "t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=...][,v0=...]" where
/// v1 = hex(HMAC-SHA256(secret, "&lt;t&gt;." + raw body)). Only v1 counts; any matching v1 passes (so a
/// rolled secret works while both are live). The timestamp must be within the tolerance either way,
/// so a captured delivery cannot be replayed later. Comparison is constant-time.
/// </summary>
public static class StripeSignature
{
    public static string Compute(ReadOnlySpan<byte> payload, string secret, long timestamp)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(message, 0);
        payload.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>The header value Stripe (or our sandbox) sends with a payload.</summary>
    public static string Header(ReadOnlySpan<byte> payload, string secret, long timestamp) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Compute(payload, secret, timestamp)}";

    /// <summary>Throws <see cref="StripeSignatureException"/> unless one of <paramref name="secrets"/> signed this payload within the tolerance.</summary>
    public static void Verify(ReadOnlySpan<byte> payload, string? header, IEnumerable<string> secrets, DateTimeOffset now, TimeSpan? tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) throw new StripeSignatureException("The request has no Stripe-Signature header.");
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit)) signatures.Add(Convert.FromHexString(value));
            else if (key == "v1") signatures.Add([]); // present but not a SHA-256 hex digest: can never match
        }
        if (timestamp is null) throw new StripeSignatureException("Unable to extract timestamp and signatures from the Stripe-Signature header.");
        if (signatures.Count == 0) throw new StripeSignatureException("No signatures found with expected scheme v1 in the Stripe-Signature header.");

        var matched = false;
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            var expected = Convert.FromHexString(Compute(payload, secret, timestamp.Value));
            foreach (var candidate in signatures)
            {
                // Constant time: how much of a guess was right must not leak through timing.
                matched |= candidate.Length == expected.Length && CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }
        if (!matched) throw new StripeSignatureException("No signature matches the expected signature for the payload: wrong webhook secret, or the body was changed.");
        if (tolerance is { } window && Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > window.TotalSeconds)
            throw new StripeSignatureException("The webhook timestamp is outside the allowed tolerance; it may be a replay.");
    }
}
