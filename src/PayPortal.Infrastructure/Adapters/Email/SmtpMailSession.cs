using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;

namespace PayPortal.Infrastructure.Adapters.Email;

/// <summary>
/// Sends a batch over one SMTP connection (MailKit), opened on the first message and closed with the
/// session. Each connect and each send is bounded by <see cref="SmtpOptions.TimeoutSeconds"/>.
/// </summary>
public sealed class SmtpMailSession(SmtpOptions options) : IMailSession
{
    private readonly SmtpClient _client = new()
    {
        Timeout = options.TimeoutSeconds * 1000,
        ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || IsPinned(certificate, options.ServerCertificateSha256),
    };
    // A server that could not be reached is not tried again for every message of the same batch.
    private Exception? _connectFailure;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        using var message = MailMessageFactory.Create(mail, options);
        await EnsureConnectedAsync(ct);
        await BoundedAsync("Sending", token => _client.SendAsync(message, token), ct);
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (_connectFailure is not null) throw _connectFailure;
        if (_client.IsConnected) return;
        try
        {
            await BoundedAsync($"Connecting to {options.Host}:{options.Port}", async token =>
            {
                await _client.ConnectAsync(options.Host!, options.Port, SmtpConnectionSecurity.Resolve(options), token);
                if (!string.IsNullOrEmpty(options.UserName))
                    await _client.AuthenticateAsync(options.UserName, options.Password ?? "", token);
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _connectFailure = ex;
            throw;
        }
    }

    /// <summary>Runs one step within the timeout; running out of time is a <see cref="TimeoutException"/>, the caller's cancellation stays a cancellation.</summary>
    private async Task BoundedAsync(string what, Func<CancellationToken, Task> step, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            await step(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} took longer than {options.TimeoutSeconds} s.");
        }
    }

    private static bool IsPinned(X509Certificate? certificate, string? sha256) =>
        certificate is not null && sha256 is { Length: > 0 }
        && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), sha256.Replace(":", "").Trim(), StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
                await _client.DisconnectAsync(quit: true, quit.Token);
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or OperationCanceledException or MailKit.ProtocolException or SmtpCommandException)
            {
                // The batch is done; a server that hangs up badly on QUIT loses nothing.
            }
        }
        _client.Dispose();
    }
}
