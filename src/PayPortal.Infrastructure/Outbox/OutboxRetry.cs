using MailKit.Net.Smtp;

namespace PayPortal.Infrastructure.Outbox;

/// <summary>When a failed send is tried again, and which failures are worth trying again at all.</summary>
public static class OutboxRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <summary>The wait after the given attempt: 1, 2, 4, 8 … minutes, at most an hour.</summary>
    public static TimeSpan DelayAfter(int attempt) =>
        attempt >= 7 ? MaxDelay : TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Max(0, attempt - 1)));

    /// <summary>
    /// A 4xx answer, a lost or refused connection, a TLS or authentication problem and a timeout may pass;
    /// a 5xx answer (the server refuses this message) and anything else (a malformed address, a bug) will not.
    /// </summary>
    public static bool IsTemporary(Exception ex) => ex switch
    {
        SmtpCommandException command => (int)command.StatusCode < 500,
        MailKit.ProtocolException or MailKit.ServiceNotConnectedException or MailKit.Security.SslHandshakeException
            or MailKit.Security.AuthenticationException or IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>What the outbox page shows: the server's own words for an SMTP answer.</summary>
    public static string Describe(Exception ex)
    {
        var text = ex switch
        {
            SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
            _ => ex.Message,
        };
        return text.Length <= 1000 ? text : text[..1000];
    }
}
