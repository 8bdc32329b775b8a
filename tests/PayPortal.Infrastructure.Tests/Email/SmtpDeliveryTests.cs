using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Infrastructure.Email;

namespace PayPortal.Infrastructure.Tests.Email;

/// <summary>Mail goes over real SMTP: what the server received, attachments included, is what we sent.</summary>
public class SmtpDeliveryTests(MaildevServer smtp) : IClassFixture<MaildevServer>, IAsyncLifetime
{
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Mailer Mailer(int port) => new(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, FromAddress = "billing@northwind.test", FromName = "Northwind Billing" }));

    [Fact]
    public async Task The_outbox_dispatcher_delivers_over_smtp_with_attachments_and_logs_it_on_the_customer()
    {
        var pdf = "%PDF-1.7 receipt bytes \u00e6\u00f8\u00e5"u8.ToArray();
        long customerId, messageId;
        await using (var scope = _db.Scope())
        {
            var customer = new Customer("C-7", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
            scope.Db.Customers.Add(customer);
            await scope.Db.SaveChangesAsync();
            var message = new OutboxMessage
            {
                CustomerId = customer.Id, Kind = "receipt", To = "ap@acme.test", Subject = "Receipt R-000001: USD 10.00 received", TextBody = "Thank you.",
                HtmlBody = "<p>Thank you.</p>", CreatedAt = DateTime.UtcNow,
                Attachments = [new OutboxAttachment { FileName = "receipt-R-000001.pdf", Content = pdf }],
            };
            scope.Db.Outbox.Add(message);
            await scope.Db.SaveChangesAsync();
            (customerId, messageId) = (customer.Id, message.Id);
        }

        await using (var scope = _db.Scope())
        {
            var dispatcher = new OutboxDispatcher(scope.Db, Mailer(smtp.SmtpPort), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
            Assert.Equal(1, await dispatcher.SendPendingAsync());
            Assert.Equal(0, await dispatcher.SendPendingAsync()); // sent once, not again
        }

        var email = (await smtp.EmailsAsync()).Single(e => e.GetProperty("subject").GetString() == "Receipt R-000001: USD 10.00 received");
        Assert.Equal("ap@acme.test", email.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("billing@northwind.test", email.GetProperty("from")[0].GetProperty("address").GetString());
        var attachment = Assert.Single(email.GetProperty("attachments").EnumerateArray());
        Assert.Equal("receipt-R-000001.pdf", attachment.GetProperty("fileName").GetString());
        Assert.Equal(pdf, await smtp.AttachmentAsync(email.GetProperty("id").GetString()!, attachment.GetProperty("generatedFileName").GetString()!));

        await using var check = _db.Scope();
        Assert.NotNull((await check.Db.Outbox.SingleAsync(m => m.Id == messageId)).SentAt);
        var log = await check.Db.CommunicationLog.SingleAsync(l => l.CustomerId == customerId);
        Assert.Equal("Email to ap@acme.test: Receipt R-000001: USD 10.00 received", log.Summary);
    }

    [Fact]
    public async Task A_mail_server_that_refuses_leaves_the_message_waiting_with_its_error()
    {
        await using var scope = _db.Scope();
        scope.Db.Outbox.Add(new OutboxMessage { Kind = "receipt", To = "x@y.test", Subject = "S", TextBody = "T", CreatedAt = DateTime.UtcNow });
        await scope.Db.SaveChangesAsync();
        var closedPort = MaildevServer.FreePort(); // nothing listens there: the connection is refused
        var dispatcher = new OutboxDispatcher(scope.Db, Mailer(closedPort), TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
        Assert.Equal(0, await dispatcher.SendPendingAsync());
        var message = await scope.Db.Outbox.SingleAsync();
        Assert.Null(message.SentAt);
        Assert.Equal(1, message.Attempts);
        Assert.False(string.IsNullOrEmpty(message.LastError));
        Assert.Empty(await scope.Db.CommunicationLog.ToListAsync());
    }
}
