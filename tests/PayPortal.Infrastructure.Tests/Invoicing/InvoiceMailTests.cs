using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Invoicing;
using PayPortal.Infrastructure.Tests.Email;
using PayPortal.Infrastructure.Tests.Pdf;

namespace PayPortal.Infrastructure.Tests.Invoicing;

public class InvoiceMailTests : IAsyncLifetime
{
    private TempDatabase _db = null!;
    private readonly Dictionary<string, long> _ids = [];
    private static string Link(long id) => $"https://pay.example/Portal/Invoices/Details/{id}";

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync(new() { ["PayPortal:PublicUrl"] = "https://pay.example" });
        await using var scope = _db.Scope();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer($"C-{tag}", $"Acme {tag}", Currency.USD, PaymentTerms.Net(30), [$"ap-{tag}@acme.test", $"controller-{tag}@acme.test"]) { CreatedAt = DateTime.UtcNow };
        scope.Db.Customers.Add(customer);
        await scope.Db.SaveChangesAsync();
        var users = scope.Get<UserManager<AppUser>>();
        await users.CreateAsync(new AppUser { UserName = $"buyer-{tag}@acme.test", Email = $"buyer-{tag}@acme.test", CustomerId = customer.Id });
        // On the account's billing list too, but this contact said no to invoice emails: the preference wins.
        await users.CreateAsync(new AppUser { UserName = $"controller-{tag}@acme.test", Email = $"controller-{tag}@acme.test", CustomerId = customer.Id, EmailInvoicesAndStatements = false });
        Tag = tag;

        foreach (var (name, status) in new[] { ("first", "posted"), ("second", "posted"), ("draft", "draft"), ("void", "void") })
        {
            var invoice = new Invoice(customer, new DateOnly(2026, 11, 20), poNumber: "PO-5");
            invoice.AddLine($"Widgets for {name}", 2, 40_00);
            scope.Db.Invoices.Add(invoice);
            if (status != "draft") scope.Db.Journals.Add(Postings.PostInvoice(invoice, $"INV-{tag}-{name}", DateTime.UtcNow));
            if (status == "void") scope.Db.Journals.Add(Postings.VoidInvoice(invoice, "Wrong customer", new DateOnly(2026, 11, 20), DateTime.UtcNow));
            await scope.Db.SaveChangesAsync();
            _ids[name] = invoice.Id;
        }
    }

    private string Tag { get; set; } = "";

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> WithMailAsync<T>(Func<InvoiceMail, Task<T>> action)
    {
        await using var scope = _db.Scope();
        return await action(scope.Get<InvoiceMail>());
    }

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var scope = _db.Scope();
        return await scope.Db.Outbox.AsNoTracking().Include(m => m.Attachments).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task An_invoice_goes_to_billing_addresses_and_willing_contacts_with_its_pdf_and_portal_link_and_is_logged_when_delivered()
    {
        var sent = await WithMailAsync(m => m.SendAsync(_ids["first"]));
        Assert.True(sent.Succeeded, sent.Message);
        Assert.Equal($"Invoice INV-{Tag}-first sent to ap-{Tag}@acme.test, buyer-{Tag}@acme.test.", sent.Message);
        var queued = await OutboxAsync();
        Assert.Equal([$"ap-{Tag}@acme.test", $"buyer-{Tag}@acme.test"], queued.Select(m => m.To));
        Assert.All(queued, m => Assert.Equal((_ids["first"], "invoice"), (m.InvoiceId!.Value, m.Kind)));
        Assert.Contains(Link(_ids["first"]), queued[0].TextBody);
        Assert.Contains($"href=\"{Link(_ids["first"])}\"", queued[0].HtmlBody);

        await using var smtp = await TestSmtpServer.StartAsync();
        await using (var scope = _db.Scope())
        {
            var dispatcher = OutboxTesting.Dispatcher(scope, OutboxTesting.Smtp(smtp.Port), TimeProvider.System);
            Assert.Equal(2, await dispatcher.SendPendingAsync());
            Assert.Equal(2, await scope.Db.CommunicationLog.CountAsync(l => l.Summary.Contains($"Invoice INV-{Tag}-first")));
        }
        var emails = smtp.Received.Select(r => r.Message).ToList();
        Assert.Equal([$"ap-{Tag}@acme.test", $"buyer-{Tag}@acme.test"], emails.Select(e => e.To.Mailboxes.Single().Address));
        Assert.All(emails, e => Assert.Equal($"Invoice INV-{Tag}-first from Northwind Supply Co.: USD 80.00 due 2026-12-20", e.Subject));
        var attachment = Assert.IsType<MimePart>(Assert.Single(emails[0].Attachments));
        Assert.Equal($"invoice-INV-{Tag}-first.pdf", attachment.FileName);
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        var text = PdfText.Extract(pdf.ToArray());
        Assert.Contains($"INVOICE INV-{Tag}-first", text);
        Assert.Contains($"View and pay online: {Link(_ids["first"])}", text);
    }

    [Fact]
    public async Task Resend_sends_again_and_bulk_send_takes_only_posted_invoices_never_sent()
    {
        await WithMailAsync(m => m.SendAsync(_ids["first"]));
        var again = await WithMailAsync(m => m.SendAsync(_ids["first"]));
        Assert.StartsWith($"Invoice INV-{Tag}-first sent again to", again.Message);

        var bulk = await WithMailAsync(m => m.SendAllUnsentAsync());
        Assert.Equal("1 invoice(s) sent in 2 email(s).", bulk.Message);
        var byInvoice = (await OutboxAsync()).GroupBy(m => m.InvoiceId!.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, byInvoice[_ids["first"]]);
        Assert.Equal(2, byInvoice[_ids["second"]]);
        Assert.False(byInvoice.ContainsKey(_ids["draft"]));
        Assert.False(byInvoice.ContainsKey(_ids["void"]));

        var nothing = await WithMailAsync(m => m.SendAllUnsentAsync());
        Assert.Equal("Every posted invoice has already been sent.", nothing.Message);
        Assert.Equal(6, (await OutboxAsync()).Count);

        Assert.Equal("A draft is not sent; post it first.", (await WithMailAsync(m => m.SendAsync(_ids["draft"]))).Message);
        Assert.Equal($"Invoice INV-{Tag}-void is void and is not sent.", (await WithMailAsync(m => m.SendAsync(_ids["void"]))).Message);
    }

    [Fact]
    public async Task An_account_nobody_takes_invoices_for_is_told_and_the_invoice_stays_unsent()
    {
        await using (var scope = _db.Scope())
        {
            var customer = await scope.Db.Customers.SingleAsync();
            customer.SetBillingEmails([]);
            await scope.Db.Users.Where(u => u.CustomerId == customer.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailInvoicesAndStatements, false));
            await scope.Db.SaveChangesAsync();
        }
        var refused = await WithMailAsync(m => m.SendAsync(_ids["first"]));
        Assert.False(refused.Succeeded);
        Assert.Contains("has no billing email address", refused.Message);
        Assert.Empty(await OutboxAsync());
        var bulk = await WithMailAsync(m => m.SendAllUnsentAsync());
        Assert.Equal($"0 invoice(s) sent in 0 email(s). Not sent, no billing address: INV-{Tag}-first, INV-{Tag}-second.", bulk.Message);
        await using var check = _db.Scope();
        Assert.Null((await check.Db.Invoices.SingleAsync(i => i.Id == _ids["first"])).SentAt);
    }
}
