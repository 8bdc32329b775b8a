using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>The back office's reports through the real pipeline on the demo data.</summary>
public class ReportTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task The_aging_page_totals_agree_with_the_ledger_and_a_bucket_opens_its_invoices()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var snapshot = await factory.WithDb(db => new LedgerAging(db, Microsoft.Extensions.Options.Options.Create(new ReportingOptions())).SummaryAsync(today));
        var usd = snapshot.Totals.Single(t => t.Currency.Code == "USD");
        Assert.True(usd.PastDueMinor > 0, "the demo has past-due invoices");
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);

        var page = await staff.GetStringAsync($"/BackOffice/Reports/Aging?as-of={today:yyyy-MM-dd}");

        Assert.Contains(new PayPortal.Domain.Money(usd.TotalMinor, usd.Currency).ToString(), page);
        Assert.DoesNotContain("Enter the report date", page);
        var bucket = Enumerable.Range(1, usd.BucketMinor.Length - 1).First(i => usd.BucketMinor[i] > 0);
        var detail = await staff.GetStringAsync($"/BackOffice/Reports/AgingDetail?as-of={today:yyyy-MM-dd}&bucket={bucket}&currency=USD");
        var expected = await factory.WithDb(async db =>
        {
            var aging = new LedgerAging(db, Microsoft.Extensions.Options.Options.Create(new ReportingOptions()));
            return await aging.InvoicesAsync(today, bucket: bucket, currencyCode: "USD");
        });
        Assert.All(expected.Take(20), i => Assert.Contains($">{i.Number}</a>", detail));
        Assert.Equal(usd.BucketMinor[bucket], expected.Sum(i => i.OpenMinor));
    }

    [Fact]
    public async Task A_past_date_shows_what_was_owed_then_and_downloads_come_as_csv_and_xlsx()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var past = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-90);

        var csv = await staff.GetAsync($"/BackOffice/Reports/Aging?handler=download&format=csv&as-of={past:yyyy-MM-dd}");
        Assert.True(csv.StatusCode == HttpStatusCode.OK, await csv.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"aging-{past:yyyy-MM-dd}.csv", csv.Content.Headers.ContentDisposition!.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd().Split("\r\n");
        Assert.Equal("customer_number,customer_name,currency,current,d1_30,d31_60,d61_90,d91_120,over_120,total,disputed,in_plan", lines[0]);
        // The USD total row equals the ledger's receivables up to that date.
        var owedThen = await factory.WithDb(db => db.LedgerEntries
            .Where(e => e.Account == PayPortal.Domain.Ledger.LedgerAccount.Receivable && e.OccurredOn <= past && e.CurrencyCode == "USD").SumAsync(e => e.AmountMinor));
        var totalRow = lines.Single(l => l.StartsWith("TOTAL", StringComparison.Ordinal) && l.Contains(",USD,")).Split(',');
        Assert.Equal(owedThen, (long)(decimal.Parse(totalRow[9], System.Globalization.CultureInfo.InvariantCulture) * 100));

        var xlsx = await staff.GetAsync($"/BackOffice/Reports/Aging?handler=download&format=xlsx&detail=true&as-of={past:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var zip = new ZipArchive(await xlsx.Content.ReadAsStreamAsync());
        Assert.NotNull(zip.GetEntry("xl/worksheets/sheet1.xml"));
    }

    [Fact]
    public async Task Bad_report_requests_are_refused_and_customers_cannot_see_reports()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/BackOffice/Reports/Aging?handler=download&format=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/BackOffice/Reports/AgingDetail?bucket=9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/BackOffice/Reports/AgingDetail?customer=999999")).StatusCode);
        var page = await staff.GetStringAsync("/BackOffice/Reports/Aging?as-of=yesterday");
        Assert.Contains("Enter the report date as a date", page);

        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var refused = await customer.GetAsync("/BackOffice/Reports/Aging");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
    }
}
