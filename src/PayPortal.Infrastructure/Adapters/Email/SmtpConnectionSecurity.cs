using System.Net;
using MailKit.Security;

namespace PayPortal.Infrastructure.Adapters.Email;

/// <summary>Turns <see cref="SmtpOptions.Security"/> into MailKit's socket options, refusing plain text to any host but loopback.</summary>
public static class SmtpConnectionSecurity
{
    public static SecureSocketOptions Resolve(SmtpOptions options) =>
        TryResolve(options, out var socketOptions, out var error) ? socketOptions : throw new InvalidOperationException(error);

    public static bool TryResolve(SmtpOptions options, out SecureSocketOptions socketOptions, out string? error)
    {
        var loopback = IsLoopback(options.Host);
        socketOptions = options.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => options.Port switch
            {
                465 => SecureSocketOptions.SslOnConnect,
                587 => SecureSocketOptions.StartTls,
                _ => loopback ? SecureSocketOptions.None : SecureSocketOptions.StartTls,
            },
        };
        error = socketOptions == SecureSocketOptions.None && !loopback
            ? $"Smtp:Security None sends mail and passwords in plain text; it is allowed only for a loopback host, not '{options.Host}'."
            : null;
        return error is null;
    }

    public static bool IsLoopback(string? host) =>
        host is { Length: > 0 } h && (string.Equals(h, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(h.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
}
