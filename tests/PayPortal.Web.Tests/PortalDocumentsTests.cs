using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>Invoice and receipt PDFs and the payment history: each account's own, and 404 for anyone else's.</summary>
public class PortalDocumentsTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task The_payment_history_lists_the_accounts_payments_with_receipt_pdfs_and_refuses_anyone_elses()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var mine = await factory.CustomerIdOf(DemoAccounts.Customer.Email);
        var other = await factory.CustomerIdOf(DemoAccounts.OtherCustomer.Email);
        var myPayment = await factory.WithDb(db => db.Payments.Where(p => p.CustomerId == mine && db.Allocations.Any(a => a.PaymentId == p.Id))
            .Select(p => new { p.Id, p.Reference }).FirstAsync());
        var theirPayment = await factory.WithDb(db => db.Payments.Where(p => p.CustomerId == other).Select(p => p.Id).FirstAsync());

        var html = await client.GetStringAsync("/Portal/Payments");
        Assert.Contains(myPayment.Reference!, html);
        Assert.Contains($"R-{myPayment.Id:D6} (PDF)", html);

        var receipt = await client.GetAsync($"/Portal/Payments?handler=Receipt&id={myPayment.Id}");
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await receipt.Content.ReadAsByteArrayAsync())[..5]));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Portal/Payments?handler=Receipt&id={theirPayment}")).StatusCode);
    }

    [Fact]
    public async Task An_invoice_downloads_as_pdf_but_another_accounts_does_not()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var mine = await factory.CustomerIdOf(DemoAccounts.Customer.Email);
        var other = await factory.CustomerIdOf(DemoAccounts.OtherCustomer.Email);
        var myInvoice = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == mine).Select(i => new { i.Id, i.Number }).FirstAsync());
        var theirInvoice = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == other).Select(i => i.Id).FirstAsync());

        var pdf = await client.GetAsync($"/Portal/Invoices/Details/{myInvoice.Id}?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal($"invoice-{myInvoice.Number}.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Portal/Invoices/Details/{theirInvoice}?handler=Pdf")).StatusCode);
    }
}
