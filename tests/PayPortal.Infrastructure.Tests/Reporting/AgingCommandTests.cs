using PayPortal.Cli;

namespace PayPortal.Infrastructure.Tests.Reporting;

/// <summary>`payportal report aging`, run in-process on the scenario's database file.</summary>
public class AgingCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Csv_has_the_contract_columns_a_row_per_customer_and_a_total_row_per_currency()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AgingScenario.SeedAsync(db);

        var (code, output, error) = await Run("--db", db.Path, "report", "aging", "--as-of", "2026-03-20", "--format", "csv");

        Assert.True(code == CliApp.Ok, error);
        Assert.Equal(
        [
            "customer_number,current,d1_30,d31_60,d61_90,d91_120,over_120,total",
            "A-1,300.00,250.00,600.00,0.00,0.00,0.00,1150.00",
            "B-1,0.00,500.00,0.00,0.00,0.00,0.00,500.00",
            "TOTAL EUR,0.00,500.00,0.00,0.00,0.00,0.00,500.00", // as many customers in each: alphabetical
            "TOTAL USD,300.00,250.00,600.00,0.00,0.00,0.00,1150.00",
        ], output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task The_table_format_aligns_the_same_figures()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AgingScenario.SeedAsync(db);

        var (code, output, _) = await Run("--db", db.Path, "report", "aging", "--as-of", "2026-03-10");

        Assert.Equal(CliApp.Ok, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("customer_number", lines[0]);
        Assert.Matches(@"^A-1\s+250\.00\s+0\.00\s+1,000\.00\s+0\.00\s+0\.00\s+0\.00\s+1,250\.00\s*$", lines[1]);
    }

    [Theory]
    [InlineData("--as-of", "2026-13-01", "--as-of must be a date like 2026-11-23, not '2026-13-01'")]
    [InlineData("--format", "pdf", "--format must be csv or table, not 'pdf'")]
    [InlineData("--buckets", "30,20", "--buckets: Aging bucket boundaries must be one or more whole numbers of days, positive and increasing (e.g. 30,60,90,120).")]
    [InlineData("--buckets", "30,x", "--buckets: Aging bucket boundary 'x' is not a whole number of days.")]
    public async Task Bad_arguments_are_named_and_exit_with_usage(string option, string value, string message)
    {
        await using var db = await TempDatabase.CreateAsync();

        var (code, output, error) = await Run("--db", db.Path, "report", "aging", option, value);

        Assert.Equal(CliApp.Usage, code);
        Assert.Equal("", output);
        Assert.Contains($"payportal: {message}", error);
    }

    [Fact]
    public async Task Kpis_forecast_and_end_of_day_print_as_csv()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AgingScenario.SeedAsync(db);

        var kpis = await Run("--db", db.Path, "report", "kpis", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "csv");
        Assert.Equal(CliApp.Ok, kpis.Code);
        Assert.Contains("USD,period,2026-03-01,2026-03-31,1150.00,300.00,,118.8,77.6,31.0,87.8,32.0,0.3,26.1", kpis.Out);
        var forecast = await Run("--db", db.Path, "report", "forecast", "--from", "2026-03-01", "--format", "csv");
        Assert.Equal(CliApp.Ok, forecast.Code);
        Assert.StartsWith("currency,week,week_start,expected,actual", forecast.Out);
        var day = await Run("--db", db.Path, "report", "end-of-day", "--day", "2026-03-15", "--format", "csv");
        Assert.Contains("Receipts,Alpha Supplies,Wire WIRE-1,USD,400.00", day.Out);
        Assert.Equal(CliApp.Usage, (await Run("--db", db.Path, "report", "kpis", "--from", "2026-04-01", "--to", "2026-03-01")).Code);
    }
}
