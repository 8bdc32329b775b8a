using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>A specialist makes an invoice from draft to posted, sends it, credits it; the customer sees it in the portal.</summary>
public class BackOfficeInvoicingTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private Task<string> CustomerNumberOf(string email) =>
        factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.Customer!.Number).SingleAsync());

    private static long IdFrom(HttpResponseMessage response, string prefix)
    {
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, location);
        return long.Parse(location[prefix.Length..].Split('?')[0]);
    }

    private static Dictionary<string, string> DraftFields(long version, params (string Description, string Quantity, string Price, string Discount, string Tax)[] lines)
    {
        var fields = new Dictionary<string, string>
        {
            ["Version"] = version.ToString(), ["Form.IssueDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd"), ["Form.NetDays"] = "30",
            ["Form.DiscountPercent"] = "0", ["Form.DiscountDays"] = "0", ["Form.PoNumber"] = "PO-TEST-1", ["Form.ProjectCode"] = "", ["Form.AllowPartialPayment"] = "true",
        };
        for (var i = 0; i < lines.Length; i++)
        {
            fields[$"Form.Lines[{i}].Description"] = lines[i].Description;
            fields[$"Form.Lines[{i}].Quantity"] = lines[i].Quantity;
            fields[$"Form.Lines[{i}].UnitPrice"] = lines[i].Price;
            fields[$"Form.Lines[{i}].DiscountPercent"] = lines[i].Discount;
            fields[$"Form.Lines[{i}].TaxRate"] = lines[i].Tax;
        }
        return fields;
    }

    private Task<Invoice> Load(long id) => factory.WithDb(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == id));

    [Fact]
    public async Task A_specialist_drafts_posts_sends_and_credits_an_invoice_and_the_customer_sees_it()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var customerNumber = await CustomerNumberOf(DemoAccounts.Customer.Email);

        var unknown = await staff.PostForm("/BackOffice/Invoices/New", new Dictionary<string, string> { ["CustomerNumber"] = "NOPE-1" });
        Assert.Contains("There is no customer with account number NOPE-1.", await unknown.Content.ReadAsStringAsync());
        var created = await staff.PostForm("/BackOffice/Invoices/New", new Dictionary<string, string> { ["CustomerNumber"] = customerNumber.ToLowerInvariant() });
        var id = IdFrom(created, "/BackOffice/Invoices/Edit/");
        var editor = await staff.GetStringAsync($"/BackOffice/Invoices/Edit/{id}");
        Assert.Contains("value=\"30\"", editor); // the customer's terms: Net 30, 2/10

        // A bad line is refused with its line and field named, and nothing is saved.
        var bad = await staff.PostForm($"/BackOffice/Invoices/Edit/{id}?handler=Save",
            DraftFields(0, ("Steel brackets", "3", "42.50", "10", "25"), ("Labour", "zero", "95.00", "", "")), $"/BackOffice/Invoices/Edit/{id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Line 2: the quantity must be a number above zero.", await bad.Content.ReadAsStringAsync());
        Assert.Empty((await Load(id)).Lines);

        var preview = await staff.PostForm($"/BackOffice/Invoices/Edit/{id}?handler=Preview",
            DraftFields(0, ("Steel brackets", "3", "42.50", "10", "25"), ("Labour", "2.5", "95.00", "", "")), $"/BackOffice/Invoices/Edit/{id}");
        // 3 x 42.50 less 10 % = 114.75, tax 25 % = 28.69: 143.44; labour 2.5 x 95.00 = 237.50.
        Assert.Contains("Total <strong id=\"draft-total\">USD 380.94</strong>", await preview.Content.ReadAsStringAsync());

        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Portal/Invoices/Details/{id}")).StatusCode); // a draft is not the customer's business yet

        var posted = await staff.PostForm($"/BackOffice/Invoices/Edit/{id}?handler=Post",
            DraftFields(0, ("Steel brackets", "3", "42.50", "10", "25"), ("Labour", "2.5", "95.00", "", "")), $"/BackOffice/Invoices/Edit/{id}");
        Assert.Equal($"/BackOffice/Invoices/Details/{id}", posted.Headers.Location!.OriginalString);
        var invoice = await Load(id);
        Assert.Matches(@"^INV-1002\d\d$", invoice.Number); // the demo's numbering continues
        Assert.Equal((InvoiceStatus.Open, 380_94L, "PO-TEST-1"), (invoice.Status, invoice.OpenMinor, invoice.PoNumber));
        var details = await staff.GetStringAsync($"/BackOffice/Invoices/Details/{id}");
        Assert.Contains($"Invoice {invoice.Number} posted: USD 380.94", details);
        Assert.Contains("Not sent yet.", details);
        Assert.Equal($"/BackOffice/Invoices/Details/{id}", (await staff.GetAsync($"/BackOffice/Invoices/Edit/{id}")).Headers.Location!.OriginalString);
        var edit = await staff.PostForm($"/BackOffice/Invoices/Edit/{id}?handler=Save", DraftFields(invoice.Version, ("Sneaky", "1", "1.00", "", "")), $"/BackOffice/Invoices/Details/{id}");
        Assert.Contains("is posted and cannot change", await edit.Content.ReadAsStringAsync());
        Assert.Equal(380_94L, (await Load(id)).TotalMinor);

        Assert.Contains(invoice.Number!, await customer.GetStringAsync($"/Portal/Invoices/Details/{id}"));
        var pdf = await staff.GetAsync($"/BackOffice/Invoices/Details/{id}?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        var sent = await staff.PostForm($"/BackOffice/Invoices/Details/{id}?handler=Send", new Dictionary<string, string>(), $"/BackOffice/Invoices/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var messages = await factory.WithDb(db => db.Outbox.Where(m => m.InvoiceId == id).Select(m => m.To).ToListAsync());
        Assert.Contains(DemoAccounts.Customer.Email, messages);
        Assert.Contains("Resend invoice", await staff.GetStringAsync($"/BackOffice/Invoices/Details/{id}"));

        var credit = await staff.PostForm($"/BackOffice/Invoices/Details/{id}?handler=CreditLines",
            new Dictionary<string, string> { ["Version"] = (await Load(id)).Version.ToString(), ["CreditQuantity[1]"] = "1", ["Reason"] = "One bracket bent" }, $"/BackOffice/Invoices/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, credit.StatusCode);
        Assert.Equal(380_94L - 47_81L, (await Load(id)).OpenMinor); // a third of 143.44
        Assert.Contains("One bracket bent", await staff.GetStringAsync($"/BackOffice/Invoices/Details/{id}"));

        var tooMuch = await staff.PostForm($"/BackOffice/Invoices/Details/{id}?handler=CreditLines",
            new Dictionary<string, string> { ["Version"] = (await Load(id)).Version.ToString(), ["CreditQuantity[1]"] = "3", ["Reason"] = "More" }, $"/BackOffice/Invoices/Details/{id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Contains("Line 1: only 2 of 3 is left to credit.", await tooMuch.Content.ReadAsStringAsync());

        var voided = await staff.PostForm($"/BackOffice/Invoices/Details/{id}?handler=Void",
            new Dictionary<string, string> { ["Version"] = (await Load(id)).Version.ToString(), ["Reason"] = "Wrong customer" }, $"/BackOffice/Invoices/Details/{id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, voided.StatusCode);
        Assert.Contains("has payments or credits applied", await voided.Content.ReadAsStringAsync());
        Assert.NotEqual(InvoiceStatus.Void, (await Load(id)).Status);

        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task Bulk_send_emails_every_posted_invoice_never_sent_and_then_nothing_more()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var unsent = await factory.WithDb(db => db.Invoices.Where(i => i.SentAt == null && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Void && i.OpenMinor > 0).Select(i => i.Id).ToListAsync());
        Assert.NotEmpty(unsent); // the demo leaves its last few days' invoices unsent
        Assert.Contains($"{unsent.Count} posted invoice(s) with something owed have never been sent.", await staff.GetStringAsync("/BackOffice/Invoices"));
        var before = await factory.WithDb(db => db.Outbox.MaxAsync(m => (long?)m.Id)) ?? 0;

        var bulk = await staff.PostForm("/BackOffice/Invoices?handler=SendAll", new Dictionary<string, string>(), "/BackOffice/Invoices");
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        Assert.Contains($"{unsent.Count} invoice(s) sent", await staff.GetStringAsync(bulk.Headers.Location!.OriginalString));
        var sentIds = await factory.WithDb(db => db.Outbox.Where(m => m.Id > before && m.InvoiceId != null).Select(m => m.InvoiceId!.Value).Distinct().ToListAsync());
        Assert.Equal(unsent.Order(), sentIds.Order());
        var count = await factory.WithDb(db => db.Outbox.CountAsync());

        await staff.PostForm("/BackOffice/Invoices?handler=SendAll", new Dictionary<string, string>(), "/BackOffice/Invoices");
        Assert.Equal(count, await factory.WithDb(db => db.Outbox.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/BackOffice/Invoices/Details/999999")).StatusCode);
    }
}
