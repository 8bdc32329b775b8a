using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Outbox;

namespace PayPortal.Infrastructure.Tests.Email;

/// <summary>Shorthands for the email tests: SMTP settings towards a test server, a dispatcher on a scope, a queued message.</summary>
internal static class OutboxTesting
{
    public static SmtpOptions Smtp(int port, Action<SmtpOptions>? change = null)
    {
        var options = new SmtpOptions { Host = "127.0.0.1", Port = port, FromAddress = "billing@northwind.test", FromName = "Northwind Billing", TimeoutSeconds = 5 };
        change?.Invoke(options);
        return options;
    }

    public static OutboxDispatcher Dispatcher(TestScope scope, SmtpOptions options, TimeProvider clock) =>
        new(scope.Db, new Mailer(Options.Create(options)), clock, NullLogger<OutboxDispatcher>.Instance, Options.Create(options));

    public static async Task<long> QueueAsync(TempDatabase db, string to, string subject, DateTime createdAt, long? customerId = null)
    {
        await using var scope = db.Scope();
        var message = new OutboxMessage { CustomerId = customerId, Kind = "receipt", To = to, Subject = subject, TextBody = "Thank you.", CreatedAt = createdAt };
        scope.Db.Outbox.Add(message);
        await scope.Db.SaveChangesAsync();
        return message.Id;
    }

    public static async Task<OutboxMessage> MessageAsync(TempDatabase db, long id)
    {
        await using var scope = db.Scope();
        return await scope.Db.Outbox.FindAsync(id) ?? throw new InvalidOperationException($"No outbox message {id}");
    }
}
