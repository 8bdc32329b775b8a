using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace PayPortal.Web.Security;

/// <summary>
/// The partition keys of the sign-in limits, read the way model binding could read them, so no spelling of the
/// request escapes its bucket: the email from the form or the query under any name the binder accepts, normalised as
/// Identity normalises it (NFKC, upper case), and the client's address with IPv6 taken per /64 (one customer's block).
/// </summary>
public static class SignInKeys
{
    private static readonly string[] EmailFields = ["Input.Email", "Email", "Input[Email]"];

    /// <summary>A sign-in form is a few hundred bytes; the limiter reads it before the page, so it reads at most this.</summary>
    public static readonly FormOptions SignInForm = new() { BufferBodyLengthLimit = 16 * 1024, MultipartBodyLengthLimit = 16 * 1024, ValueCountLimit = 32, ValueLengthLimit = 4 * 1024 };

    /// <summary>Every email the request names (normally one); several different ones are refused by the caller.</summary>
    public static IReadOnlySet<string> Emails(IFormCollection form, IQueryCollection query)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in EmailFields)
        {
            Add(found, form.TryGetValue(field, out var fromForm) ? fromForm : StringValues.Empty);
            Add(found, query.TryGetValue(field, out var fromQuery) ? fromQuery : StringValues.Empty);
        }
        return found;
    }

    public static string Normalise(string email) => email.Trim().Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    public static string Client(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static void Add(HashSet<string> found, StringValues values)
    {
        foreach (var value in values)
            if (value is { Length: > 0 } && Normalise(value) is { Length: > 0 } normalised) found.Add(normalised);
    }
}
