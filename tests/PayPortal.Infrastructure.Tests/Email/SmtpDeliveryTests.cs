using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Outbox;
using static PayPortal.Infrastructure.Tests.Email.OutboxTesting;

namespace PayPortal.Infrastructure.Tests.Email;

/// <summary>Mail goes over real SMTP (an in-process server): what the server received, attachments included, is what we sent.</summary>
public class SmtpDeliveryTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _clock = new(Start);
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_outbox_dispatcher_delivers_over_smtp_with_attachments_and_logs_it_on_the_customer()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var pdf = "%PDF-1.7 receipt bytes \u00e6\u00f8\u00e5"u8.ToArray();
        long customerId, messageId;
        await using (var scope = _db.Scope())
        {
            var customer = new Customer("C-7", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = Start };
            scope.Db.Customers.Add(customer);
            await scope.Db.SaveChangesAsync();
            var message = new OutboxMessage
            {
                CustomerId = customer.Id, Kind = "receipt", To = "ap@acme.test", Subject = "Receipt R-000001: USD 10.00 received", TextBody = "Thank you.",
                HtmlBody = "<p>Thank you.</p>", CreatedAt = Start,
                Attachments = [new OutboxAttachment { FileName = "receipt-R-000001.pdf", Content = pdf }],
            };
            scope.Db.Outbox.Add(message);
            await scope.Db.SaveChangesAsync();
            (customerId, messageId) = (customer.Id, message.Id);
        }

        await using (var scope = _db.Scope())
        {
            var dispatcher = Dispatcher(scope, Smtp(smtp.Port), _clock);
            Assert.Equal(1, await dispatcher.SendPendingAsync());
            Assert.Equal(0, await dispatcher.SendPendingAsync()); // sent once, not again
        }

        var email = Assert.Single(smtp.Received).Message;
        Assert.Equal("Receipt R-000001: USD 10.00 received", email.Subject);
        Assert.Equal("ap@acme.test", Assert.Single(email.To.Mailboxes).Address);
        Assert.Equal(("billing@northwind.test", "Northwind Billing"), (Assert.Single(email.From.Mailboxes).Address, email.From.Mailboxes.Single().Name));
        Assert.Equal("Thank you.", email.TextBody?.Trim());
        Assert.Equal("<p>Thank you.</p>", email.HtmlBody?.Trim());
        var attachment = Assert.IsType<MimePart>(Assert.Single(email.Attachments));
        Assert.Equal("receipt-R-000001.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(pdf, content.ToArray());

        await using var check = _db.Scope();
        var sent = await check.Db.Outbox.SingleAsync(m => m.Id == messageId);
        Assert.Equal((Start, 1, (DateTime?)null, (string?)null), (sent.SentAt!.Value, sent.Attempts, sent.NextAttemptAt, sent.LastError));
        var log = await check.Db.CommunicationLog.SingleAsync(l => l.CustomerId == customerId);
        Assert.Equal("Email to ap@acme.test: Receipt R-000001: USD 10.00 received", log.Summary);
    }

    [Fact]
    public async Task A_batch_goes_over_one_connection()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        foreach (var n in new[] { 1, 2, 3 }) await QueueAsync(_db, $"ap{n}@acme.test", $"Message {n}", Start);

        await using var scope = _db.Scope();
        Assert.Equal(3, await Dispatcher(scope, Smtp(smtp.Port), _clock).SendPendingAsync());

        Assert.Equal(["Message 1", "Message 2", "Message 3"], smtp.Received.Select(r => r.Message.Subject));
        Assert.Single(smtp.Received.Select(r => r.SessionId).Distinct());
    }

    [Fact]
    public async Task With_starttls_and_a_user_name_the_message_goes_encrypted_and_authenticated()
    {
        await using var smtp = await TestSmtpServer.StartAsync(startTls: true, login: ("billing", "s3cret"));
        var id = await QueueAsync(_db, "ap@acme.test", "Over TLS", Start);
        var options = Smtp(smtp.Port, o => (o.Security, o.UserName, o.Password, o.ServerCertificateSha256) = (SmtpSecurity.StartTls, "billing", "s3cret", smtp.CertificateSha256));

        await using (var scope = _db.Scope())
            Assert.Equal(1, await Dispatcher(scope, options, _clock).SendPendingAsync());

        var received = Assert.Single(smtp.Received);
        Assert.Equal(("Over TLS", true, "billing"), (received.Message.Subject, received.Secure, received.User));
        Assert.NotNull((await MessageAsync(_db, id)).SentAt);
    }

    [Fact]
    public async Task A_server_certificate_nobody_vouches_for_is_refused_unless_pinned()
    {
        await using var smtp = await TestSmtpServer.StartAsync(startTls: true);
        var id = await QueueAsync(_db, "ap@acme.test", "Over TLS", Start);

        await using (var scope = _db.Scope())
            Assert.Equal(0, await Dispatcher(scope, Smtp(smtp.Port, o => o.Security = SmtpSecurity.StartTls), _clock).SendPendingAsync());

        Assert.Empty(smtp.Received);
        var message = await MessageAsync(_db, id);
        Assert.Null(message.FailedAt); // a TLS problem may be fixed: tried again later
        Assert.Equal(Start.AddMinutes(1), message.NextAttemptAt);
        Assert.Contains("certificate", message.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_is_not_a_delivery_and_is_tried_again_later()
    {
        await using var smtp = await TestSmtpServer.StartAsync(startTls: true, login: ("billing", "s3cret"));
        var id = await QueueAsync(_db, "ap@acme.test", "Hello", Start);
        var options = Smtp(smtp.Port, o => (o.Security, o.UserName, o.Password, o.ServerCertificateSha256) = (SmtpSecurity.StartTls, "billing", "wrong", smtp.CertificateSha256));

        await using (var scope = _db.Scope())
            Assert.Equal(0, await Dispatcher(scope, options, _clock).SendPendingAsync());

        Assert.Empty(smtp.Received);
        var message = await MessageAsync(_db, id);
        Assert.Equal((1, (DateTime?)null, Start.AddMinutes(1)), (message.Attempts, message.FailedAt, message.NextAttemptAt!.Value));
        Assert.False(string.IsNullOrEmpty(message.LastError));
    }

    [Fact]
    public async Task Line_breaks_in_the_subject_cannot_add_headers()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await QueueAsync(_db, "ap@acme.test", "Receipt\r\nBcc: thief@evil.test\nX-Injected: yes", Start);

        await using (var scope = _db.Scope())
            Assert.Equal(1, await Dispatcher(scope, Smtp(smtp.Port), _clock).SendPendingAsync());

        var email = Assert.Single(smtp.Received).Message;
        Assert.Equal("Receipt Bcc: thief@evil.test X-Injected: yes", email.Subject);
        Assert.Empty(email.Bcc);
        Assert.False(email.Headers.Contains("X-Injected"));
    }
}
