using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

public class StatementTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task A_statement_up_to_today_closes_at_the_accounts_current_balance_and_downloads_as_pdf()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-400);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Portal/Statement?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}"));

        var balance = await factory.WithDb(async db =>
        {
            var customerId = await db.Users.Where(u => u.Email == DemoAccounts.Customer.Email).Select(u => u.CustomerId).SingleAsync();
            return await db.Invoices.Where(i => i.CustomerId == customerId).SumAsync(i => i.OpenMinor)
                   - await db.Payments.Where(p => p.CustomerId == customerId).SumAsync(p => p.UnappliedMinor)
                   - await db.CreditMemos.Where(m => m.CustomerId == customerId).SumAsync(m => m.UnappliedMinor);
        });
        Assert.Contains($"id=\"opening\">{new Money(0, Currency.USD)}<", html);
        Assert.Contains($"<strong>{new Money(balance, Currency.USD)}</strong>", html);
        Assert.Matches("Invoice INV-\\d+ posted", html);
        Assert.Matches(@"Payment received \(", html);

        var pdf = await client.GetAsync($"/Portal/Statement?handler=Pdf&from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_default_is_this_month_and_a_backwards_or_huge_range_is_refused()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Portal/Statement"));
        Assert.Contains($"value=\"{new DateOnly(today.Year, today.Month, 1):yyyy-MM-dd}\"", html);

        var backwards = await client.GetAsync("/Portal/Statement?from=2026-03-31&to=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("The end date is before the start date.", await backwards.Content.ReadAsStringAsync());
        var huge = await client.GetAsync("/Portal/Statement?handler=Pdf&from=2000-01-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
    }
}
