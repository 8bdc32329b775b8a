using System.Net;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>KPIs, cash forecast and end of day through the real pipeline on the demo data.</summary>
public class ReportPagesTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task Kpis_show_figures_definitions_and_an_svg_trend_and_refuse_a_backwards_period()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);

        var page = await staff.GetStringAsync("/BackOffice/Reports/Kpis");
        Assert.Matches(@"id=""dso-USD"">\d+\.\d days<", page);
        Assert.Contains("<svg id=\"dso-trend-USD\"", page);
        Assert.Contains("Countback DSO</dt>", page);

        var backwards = await staff.GetAsync("/BackOffice/Reports/Kpis?from=2026-05-01&to=2026-04-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("The period ends before it starts.", await backwards.Content.ReadAsStringAsync());
        var csv = await staff.GetStringAsync("/BackOffice/Reports/Kpis?handler=download&format=csv");
        Assert.StartsWith("currency,row,from,to,receivables,credit_sales,bad_debt,dso,countback_dso,best_possible_dso,average_days_delinquent,cei,turnover,percent_current", csv);
    }

    [Fact]
    public async Task The_forecast_has_thirteen_weeks_and_last_quarters_actuals()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);

        var page = await staff.GetStringAsync("/BackOffice/Reports/Forecast");
        Assert.Contains("id=\"forecast-total-USD\"", page);
        Assert.Contains("id=\"backtest-USD\"", page);
        var csv = (await staff.GetStringAsync("/BackOffice/Reports/Forecast?handler=download&format=csv&back=true")).Trim().Split("\r\n");
        Assert.Equal("currency,week,week_start,expected,actual", csv[0]);
        Assert.Equal(13 + 2, csv.Count(l => l.StartsWith("USD,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task End_of_day_lists_the_days_sections_and_a_bad_date_is_named()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);

        var page = await staff.GetStringAsync("/BackOffice/Reports/EndOfDay");
        foreach (var section in new[] { "Receipts", "Applications", "New disputes", "Promises due", "Broken promises", "Plans broken", "Emails sent" })
            Assert.Contains($">{section}</h2>", page);
        var bad = await staff.GetAsync("/BackOffice/Reports/EndOfDay?day=someday");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }
}
