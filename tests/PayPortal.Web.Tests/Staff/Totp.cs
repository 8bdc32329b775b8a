using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PayPortal.Web.Tests.Staff;

/// <summary>An authenticator app's code (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) from the shared key Identity shows.</summary>
public static class Totp
{
    // Identity checks codes against the real clock, so the test's "authenticator" reads it too.
    public static string Now(string sharedKey) => At(sharedKey, DateTimeOffset.UtcNow);

    public static string At(string sharedKey, DateTimeOffset time)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, time.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(Base32(sharedKey), counter);
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits < 8) continue;
            bits -= 8;
            bytes.Add((byte)(buffer >> bits));
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }
}
