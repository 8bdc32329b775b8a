using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Payments;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>A customer's credit memos go on the invoices before any card payment; credit alone settles without a checkout.</summary>
public class PayWithCreditsTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private static readonly string Email = DemoAccounts.OtherCustomer.Email;

    private sealed record Open(long Id, string Number, long OpenMinor);

    private Task<List<Open>> OpenInvoices() => factory.WithDb(async db =>
    {
        var customerId = await db.Users.Where(u => u.Email == Email).Select(u => u.CustomerId).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor > 0 && i.DisputedMinor == 0 && i.OpenMinor == i.TotalMinor
                                            && (i.DiscountDeadline == null || i.DiscountDeadline < today))
            .OrderBy(i => i.Id).Select(i => new Open(i.Id, i.Number!, i.OpenMinor)).ToListAsync();
    });

    private Task<long> AvailableCredit() => factory.WithDb(async db =>
    {
        var customerId = await db.Users.Where(u => u.Email == Email).Select(u => u.CustomerId).SingleAsync();
        return await db.CreditMemos.Where(m => m.CustomerId == customerId).SumAsync(m => m.UnappliedMinor);
    });

    /// <summary>Tops the account's available credit up to exactly <paramref name="total"/> with a new memo.</summary>
    private async Task CreditUpTo(long total)
    {
        var missing = total - await AvailableCredit();
        Assert.True(missing > 0, "the demo account already holds more credit than this test needs");
        await factory.WithDb(async db =>
        {
            var customerId = await db.Users.Where(u => u.Email == Email).Select(u => u.CustomerId).SingleAsync();
            var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
            var memo = new CreditMemo(customer, $"CM-TEST-{Guid.NewGuid():N}"[..16], DateOnly.FromDateTime(DateTime.UtcNow), new Money(missing, customer.Currency), "Returned goods");
            db.CreditMemos.Add(memo);
            db.Journals.Add(Postings.IssueCreditMemo(memo, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
    }

    private Task<long> OpenOf(long id) => factory.WithDb(db => db.Invoices.Where(i => i.Id == id).Select(i => i.OpenMinor).SingleAsync());

    [Fact]
    public async Task Credit_settles_what_it_covers_without_a_charge_and_the_rest_is_charged_after_it()
    {
        var client = await factory.SignedInAs(Email);
        var open = await OpenInvoices();
        var (first, second) = (open[0], open[1]);
        await CreditUpTo(first.OpenMinor + 10_00);
        Assert.Contains("Use my available credit of", await client.GetStringAsync($"/Portal/Pay?invoice={first.Id}"));

        // The credit covers the first invoice: settled at once, no checkout.
        var settled = await PaymentTests.StartPayment(client, true, (first.Id, first.OpenMinor));
        Assert.Equal(HttpStatusCode.Redirect, settled.StatusCode);
        Assert.StartsWith("/Portal/Pay/Return?payment=", settled.Headers.Location!.OriginalString);
        Assert.Contains("Done: your credit settled these invoices", await client.GetStringAsync(settled.Headers.Location.OriginalString));
        Assert.Equal(0, await OpenOf(first.Id));
        Assert.Equal(10_00, await AvailableCredit());
        var portal = await factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).FirstAsync());
        Assert.Equal((PortalPaymentStatus.Succeeded, (string?)null, (long?)null, 0L), (portal.Status, portal.CheckoutSessionId, portal.PaymentId, portal.AmountMinor));

        // Without ticking "use my credit", the whole amount is charged and the credit is left alone.
        var plain = await PaymentTests.StartPayment(client, false, (second.Id, second.OpenMinor));
        var plainAmount = await factory.WithDb(db => db.PortalPayments.OrderByDescending(p => p.Id).Select(p => p.AmountMinor).FirstAsync());
        Assert.Equal(second.OpenMinor, plainAmount);
        Assert.StartsWith("/stripe-sandbox/checkout/", plain.Headers.Location!.AbsolutePath);

        // The remaining 10.00 goes on the second invoice; only the rest is charged, and both are applied when Stripe confirms.
        var started = await PaymentTests.StartPayment(client, true, (second.Id, second.OpenMinor));
        var checkout = started.Headers.Location!;
        Assert.StartsWith("/stripe-sandbox/checkout/", checkout.AbsolutePath);
        // While that checkout is under way its credit is spoken for: no other payment is offered it.
        Assert.DoesNotContain("Use my available credit", await client.GetStringAsync($"/Portal/Pay?invoice={open[2].Id}"));
        var page = await client.GetStringAsync(checkout.PathAndQuery);
        Assert.Contains($"Invoice {second.Number} (after your credit)", page);
        Assert.Contains(new Money(second.OpenMinor - 10_00, Currency.USD).ToString(), page);
        Assert.Equal(second.OpenMinor, await OpenOf(second.Id)); // nothing applied before Stripe confirms

        var paid = await PaymentTests.PayOnCheckoutPage(client, checkout, "Card", ("CardNumber", "4242 4242 4242 4242"));
        var back = await client.GetStringAsync(paid.Headers.Location!.PathAndQuery);
        Assert.Contains("of your available credit was applied first", back);
        Assert.Equal(0, await OpenOf(second.Id));
        Assert.Equal(0, await AvailableCredit());
        var cash = await factory.WithDb(db => db.Payments.OrderByDescending(p => p.Id).Select(p => new { p.AmountMinor, p.UnappliedMinor }).FirstAsync());
        Assert.Equal((second.OpenMinor - 10_00, 0L), (cash.AmountMinor, cash.UnappliedMinor));
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task Two_checkouts_at_once_spending_the_same_credit_spend_it_once()
    {
        var contacts = new[] { await factory.SignedInAs(Email), await factory.SignedInAs(Email) };
        const int rounds = 4;
        const long part = 5_00;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The newest invoice that takes part payments: the other test here works on the oldest.
        var invoice = await factory.WithDb(async db =>
        {
            var customerId = await db.Users.Where(u => u.Email == Email).Select(u => u.CustomerId).SingleAsync();
            return await db.Invoices.Where(i => i.CustomerId == customerId && i.AllowPartialPayment && i.OpenMinor >= rounds * part && i.DisputedMinor == 0
                                                && (i.DiscountDeadline == null || i.DiscountDeadline < today))
                .OrderByDescending(i => i.Id).Select(i => new Open(i.Id, i.Number!, i.OpenMinor)).FirstAsync();
        });
        for (var round = 1; round <= rounds; round++)
        {
            await CreditUpTo(part);
            var tokens = new[] { await contacts[0].AntiforgeryToken("/Portal"), await contacts[1].AntiforgeryToken("/Portal") };
            var responses = await PayPortal.Infrastructure.Tests.Concurrency.AtOnce.RunAsync(2, i => contacts[i].PostAsync($"/Portal/Pay?invoice={invoice.Id}", new FormUrlEncodedContent(
            [
                new("invoice", invoice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new($"Amounts[{invoice.Id}]", "5.00"), new("UseCredits", "true"), new("__RequestVerificationToken", tokens[i]),
            ])));

            // One is settled by the credit; the other finds it spent and either is told so or pays its part by card.
            var settled = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.StartsWith("/Portal/Pay/Return?payment="));
            Assert.Single(responses, r => r != settled && (r.StatusCode == HttpStatusCode.UnprocessableEntity
                                                             || r.Headers.Location?.AbsolutePath.StartsWith("/stripe-sandbox/checkout/") == true));
            Assert.Equal(invoice.OpenMinor - round * part, await OpenOf(invoice.Id));
            Assert.Equal(0, await AvailableCredit());
            Assert.Equal(round * part, await factory.WithDb(db => db.Allocations.Where(a => a.InvoiceId == invoice.Id && a.CreditMemoId != null).SumAsync(a => a.AmountMinor)));
            Assert.False(await factory.WithDb(db => db.PortalPayments.AnyAsync(p => p.Status == PortalPaymentStatus.Pending && p.Lines.Any(l => l.InvoiceId == invoice.Id && l.CreditMinor > 0))));
        }
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }
}
