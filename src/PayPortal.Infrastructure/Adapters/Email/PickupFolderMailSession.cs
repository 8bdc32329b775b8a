namespace PayPortal.Infrastructure.Adapters.Email;

/// <summary>Writes each message as an .eml file into the pickup folder (the development default: no mail server).</summary>
public sealed class PickupFolderMailSession(string folder, SmtpOptions options) : IMailSession
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        using var message = MailMessageFactory.Create(mail, options);
        Directory.CreateDirectory(folder);
        var name = Guid.NewGuid().ToString("N");
        // Written under another name and renamed, so whoever watches the folder never reads half a message.
        var partial = Path.Combine(folder, name + ".tmp");
        await message.WriteToAsync(partial, ct);
        File.Move(partial, Path.Combine(folder, name + ".eml"));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
