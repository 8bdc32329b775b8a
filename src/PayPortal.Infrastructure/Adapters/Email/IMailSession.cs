namespace PayPortal.Infrastructure.Adapters.Email;

/// <summary>One delivery run: a batch of messages sent over the same connection (or into the same pickup folder).</summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}
