using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PayPortal.Infrastructure.Tests.Email;

/// <summary>
/// A real SMTP server for the tests: maildev 2.2.1 from npm (tests/maildev), bound to 127.0.0.1 on
/// free ports, with its REST API to read what it received. Installed with `npm ci` on first use.
/// </summary>
public sealed class MaildevServer : IAsyncLifetime
{
    private Process? _process;
    public int SmtpPort { get; private set; }
    public int WebPort { get; private set; }
    public HttpClient Api { get; } = new();

    // Test classes run in parallel, each with its own server: the install runs once for all of them.
    private static readonly Lazy<Task> Install = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "maildev");
        return File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json"))
            ? Task.CompletedTask
            : Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder);
    });

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "maildev");
        await Install.Value;
        SmtpPort = FreePort();
        WebPort = FreePort();
        _process = Process.Start(new ProcessStartInfo("node",
            [Path.Combine(folder, "node_modules", "maildev", "bin", "maildev"), "--smtp", SmtpPort.ToString(), "--web", WebPort.ToString(), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"])
            { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder })!;
        Api.BaseAddress = new Uri($"http://127.0.0.1:{WebPort}/");
        for (var i = 0; i < 150; i++)
        {
            try
            {
                if ((await Api.GetAsync("email")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("maildev did not start: " + await _process.StandardError.ReadToEndAsync());
    }

    public async Task<List<JsonElement>> EmailsAsync() =>
        JsonDocument.Parse(await Api.GetStringAsync("email")).RootElement.EnumerateArray().ToList();

    public Task<byte[]> AttachmentAsync(string emailId, string generatedFileName) =>
        Api.GetByteArrayAsync($"email/{emailId}/attachment/{Uri.EscapeDataString(generatedFileName)}");

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        Api.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A loopback port nobody listens on (connections are refused at once).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PayPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (PayPortal.sln).");
    }

    private static async Task Run(string file, string[] args, string folder)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = folder, RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
    }
}
