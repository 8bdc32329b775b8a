using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PayPortal.Infrastructure.Tests.Email;

/// <summary>What the test server received: the message as MimeKit reads it, over which connection, with TLS or not, as whom.</summary>
public sealed record ReceivedMail(MimeMessage Message, string SessionId, bool Secure, string? User);

/// <summary>
/// A real SMTP server in the test process (SmtpServer 11), on a free loopback port. Optionally offers
/// STARTTLS with a self-signed certificate made here and requires AUTH; <see cref="Reply"/> scripts the
/// answer to each message's DATA (250 unless told otherwise).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly ConcurrentDictionary<string, string> _users = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();

    public int Port { get; }
    public X509Certificate2? Certificate { get; }
    /// <summary>The SHA-256 fingerprint PayPortal's Smtp:ServerCertificateSha256 pins to trust <see cref="Certificate"/>.</summary>
    public string? CertificateSha256 => Certificate?.GetCertHashString(HashAlgorithmName.SHA256);
    public IReadOnlyList<ReceivedMail> Received => [.. _received];
    /// <summary>The answer to a message's DATA; null accepts it.</summary>
    public Func<MimeMessage, SmtpResponse?> Reply { get; set; } = _ => null;
    /// <summary>Messages the server takes in full and then never answers (a relay that hangs after DATA).</summary>
    public Func<MimeMessage, bool> Hang { get; set; } = _ => false;

    private TestSmtpServer(bool startTls, (string User, string Password)? login)
    {
        Port = FreePort();
        Certificate = startTls ? SelfSignedCertificate() : null;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e =>
        {
            e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false);
            if (Certificate is not null) e.Certificate(Certificate);
            if (login is not null) e.AuthenticationRequired(true).AllowUnsecureAuthentication(!startTls);
        }).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        if (login is { } l)
        {
            services.Add(new DelegatingUserAuthenticator((context, user, password) =>
            {
                if (user != l.User || password != l.Password) return false;
                _users[context.SessionId.ToString()] = user;
                return true;
            }));
        }
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public static async Task<TestSmtpServer> StartAsync(bool startTls = false, (string User, string Password)? login = null)
    {
        var server = new TestSmtpServer(startTls, login);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) { await Task.Delay(20); }
        }
        throw new InvalidOperationException($"The test SMTP server did not listen on {server.Port}.");
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
        Certificate?.Dispose();
    }

    /// <summary>A loopback port nobody listens on (connections are refused at once).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Re-loaded from PKCS#12 so SslStream gets a private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (server.Hang(message)) await Task.Delay(Timeout.Infinite, cancellationToken);
            if (server.Reply(message) is { } refusal) return refusal;
            var sessionId = context.SessionId.ToString();
            server._received.Enqueue(new ReceivedMail(message, sessionId, context.Pipe.IsSecure, server._users.GetValueOrDefault(sessionId)));
            return SmtpResponse.Ok;
        }
    }
}
