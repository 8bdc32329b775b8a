using System.Diagnostics;
using MimeKit;

namespace PayPortal.E2E;

/// <summary>The mail pickup folder the portal's outbox worker writes to, read as a recipient would.</summary>
public static class Mailbox
{
    /// <summary>
    /// Waits until a message matching <paramref name="wanted"/> is in <paramref name="folder"/> and returns it;
    /// fails naming what arrived instead once <paramref name="timeout"/> (default 30 s) has passed.
    /// </summary>
    public static async Task<MimeMessage> WaitForAsync(string folder, Func<MimeMessage, bool> wanted, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var arrived = Read(folder);
            if (arrived.FirstOrDefault(wanted) is { } found) return found;
            if (waited.Elapsed > limit)
                Assert.Fail($"No matching message in {folder} after waiting; it holds: " + string.Join("; ", arrived.Select(m => $"'{m.Subject}' to {m.To}")));
            await Task.Delay(200);
        }
    }

    private static List<MimeMessage> Read(string folder)
    {
        var messages = new List<MimeMessage>();
        if (!Directory.Exists(folder)) return messages;
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            try
            {
                messages.Add(MimeMessage.Load(file));
            }
            catch (Exception ex) when (ex is IOException or FormatException)
            {
                // Still being written by the outbox worker: read it on the next look.
            }
        }
        return messages;
    }
}
