using PayPortal.Cli;

namespace PayPortal.Infrastructure.Tests;

/// <summary>The `payportal` command line, run in-process against real database files.</summary>
public class CliTests : IAsyncLifetime
{
    private string _folder = null!;
    private string Db => Path.Combine(_folder, "cli.db");

    public Task InitializeAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "payportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Plans_run_queues_a_reminder_before_an_installment_once_however_often_it_runs()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var customer = new Domain.Customers.Customer("C-1", "Acme", Domain.Currency.USD, Domain.Customers.PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
            var invoice = new Domain.Invoicing.Invoice(customer, new DateOnly(2026, 10, 1));
            invoice.AddLine("Widgets", 1, 300_00);
            scope.Db.Invoices.Add(invoice);
            scope.Db.Journals.Add(Domain.Ledger.Postings.PostInvoice(invoice, "INV-1", DateTime.UtcNow));
            await scope.Db.SaveChangesAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var requested = await scope.Get<PayPortal.Infrastructure.Plans.PlanDesk>().RequestAsync(customer.Id, null, [invoice.Id], new Domain.Plans.PlanTerms(3, Domain.Plans.PlanFrequency.Weekly, today.AddDays(2)));
            Assert.True(requested.Succeeded, requested.Message);
        }
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = await Run("--db", db.Path, "plans", "run", "--as-of", asOf);
        Assert.Equal((0, $"Payment plans as of {asOf}: 1 reminder(s) queued, 0 broken, 0 completed."), (first.Code, first.Out.Trim()));
        var second = await Run("--db", db.Path, "plans", "run", "--as-of", asOf);
        Assert.Equal($"Payment plans as of {asOf}: 0 reminder(s) queued, 0 broken, 0 completed.", second.Out.Trim());
        Assert.Equal(1L, await db.ScalarAsync("SELECT COUNT(*) FROM Outbox WHERE Kind = 'plan-reminder'"));
    }

    [Fact]
    public async Task Bank_import_prints_its_json_summary_a_second_import_is_a_duplicate_and_the_applications_export()
    {
        Assert.Equal(0, (await Run("--db", Db, "seed", "bulk", "--customers", "20", "--invoices", "400", "--seed", "3", "--all-open")).Code);
        var bench = await Run("--db", Db, "bench", "cash-application", "--lines", "100", "--seed", "5", "--out", _folder);
        Assert.Equal(0, bench.Code);
        Assert.Matches(@"Precision \(applied exactly right / applied\): (9\d|100)\.\d\d%", bench.Out); // the benchmark judges itself against its truth
        var statement = Path.Combine(_folder, "scenario-5.camt053.xml");
        Assert.True(File.Exists(statement));
        Assert.True(File.Exists(Path.Combine(_folder, "scenario-5.truth.csv")));

        var again = await Run("--db", Db, "bank", "import", statement, "--auto-apply");
        Assert.Equal(0, again.Code);
        Assert.Equal("""{"lines":100,"credits":100,"auto_applied":0,"exceptions":0,"unapplied_cents":0,"duplicate":true}""", again.Out.Trim());

        var csv = Path.Combine(_folder, "applications.csv");
        var export = await Run("--db", Db, "export", "applications", csv);
        Assert.Equal(0, export.Code);
        var rows = await File.ReadAllLinesAsync(csv);
        Assert.Equal("bank_reference,invoice_number,applied_amount,rule,confidence", rows[0]);
        Assert.Matches(@"^SCN5-\d{7},S3-\d{7},\d+\.\d\d,[a-z+-]+,0\.\d\d$", rows[1]);
        Assert.Equal(0, (await Run("--db", Db, "check", "ledger")).Code);
    }

    [Fact]
    public async Task A_bank_file_that_does_not_parse_is_refused_naming_its_line_and_a_missing_one_too()
    {
        var bad = WriteFile("bad.bai2", "01,BANK,US,261123,0800,1,80,1,2/\n02,US,BANK,1,261123,,USD,/\n03,123,USD,/\n16,195,1000,,REF1,,INV-1/\n49,999,3/\n98,999,1,5/\n99,999,1,7/\n");
        var refused = await Run("--db", Db, "bank", "import", bad);
        Assert.Equal(1, refused.Code);
        Assert.Contains("line 5: account 123 control total is 999, but the records add up to 1000", refused.Err);
        Assert.Equal(1, (await Run("--db", Db, "bank", "import", Path.Combine(_folder, "nope.xml"))).Code);
        Assert.Equal(2, (await Run("--db", Db, "bank", "import", bad, "--apply")).Code);
    }

    [Fact]
    public async Task Bank_import_refuses_a_dtd_and_endless_nesting_with_their_messages_and_imports_nothing()
    {
        Assert.Equal(0, (await Run("--db", Db, "migrate")).Code);
        var xxe = WriteFile("xxe.xml", System.Text.Encoding.UTF8.GetString(Banking.HostileFiles.ExternalEntity()));
        var refused = await Run("--db", Db, "bank", "import", xxe);
        Assert.Equal(1, refused.Code);
        Assert.Contains("xxe.xml was not imported; nothing changed:", refused.Err);
        Assert.Contains("the file declares a DTD", refused.Err);

        var deep = Path.Combine(_folder, "deep.xml");
        await File.WriteAllBytesAsync(deep, Banking.HostileFiles.Nested(200_000));
        var nested = await Run("--db", Db, "bank", "import", deep);
        Assert.Equal(1, nested.Code);
        Assert.Contains("line 65: <a> is nested more than 64 elements deep", nested.Err);

        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM BankStatements"));
    }

    private async Task<object?> Scalar(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Migrate_creates_a_database_at_a_new_path()
    {
        var path = Path.Combine(_folder, "nested", "new.db");
        var (code, output, _) = await Run("--db", path, "migrate");
        Assert.Equal(CliApp.Ok, code);
        Assert.True(File.Exists(path));
        Assert.Contains("up to date", output);
    }

    [Fact]
    public async Task Seed_demo_then_check_ledger_passes_and_a_second_seed_is_refused()
    {
        // The CLI's environment is Production here: demo data only because the setting asks for it on purpose.
        var allow = Path.Combine(_folder, "allow-demo.json");
        await File.WriteAllTextAsync(allow, """{ "PayPortal": { "AllowDemoDataOutsideDevelopment": true } }""");
        var seeded = await Run("--config", allow, "--db", Db, "seed", "demo");
        Assert.Equal(CliApp.Ok, seeded.Code);
        Assert.Contains("30 customers", seeded.Out);
        Assert.Contains("specialist@demo.payportal.test", seeded.Out);

        var check = await Run("--db", Db, "check", "ledger");
        Assert.Equal(CliApp.Ok, check.Code);
        Assert.Contains("Ledger is consistent", check.Out);

        var again = await Run("--config", allow, "--db", Db, "seed", "demo");
        Assert.Equal(CliApp.Failed, again.Code);
        Assert.Contains("only seeded into an empty database", again.Err);
    }

    [Fact]
    public async Task Check_ledger_finds_a_tampered_open_amount_and_names_the_invoice()
    {
        await Run("--db", Db, "seed", "bulk", "--customers", "5", "--invoices", "200", "--seed", "3");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db}"))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE Invoices SET OpenMinor = OpenMinor + 1 WHERE Number = 'S3-0000007'";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }
        var (code, _, err) = await Run("--db", Db, "check", "ledger");
        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("invoice open amount differs from the ledger: invoice S3-0000007", err);
        Assert.Contains("customer balance differs from the ledger", err);
    }

    [Fact]
    public async Task Seed_bulk_is_consistent_deterministic_and_refuses_the_same_seed_twice()
    {
        var first = await Run("--db", Db, "seed", "bulk", "--customers", "20", "--invoices", "3000", "--seed", "11");
        Assert.Equal(CliApp.Ok, first.Code);
        Assert.Contains("3,000 invoices", first.Out);
        Assert.Equal(CliApp.Ok, (await Run("--db", Db, "check", "ledger")).Code);

        var other = Path.Combine(_folder, "other.db");
        await Run("--db", other, "seed", "bulk", "--customers", "20", "--invoices", "3000", "--seed", "11");
        Assert.Equal(await Sum(Db), await Sum(other));

        var again = await Run("--db", Db, "seed", "bulk", "--customers", "20", "--invoices", "10", "--seed", "11");
        Assert.Equal(CliApp.Failed, again.Code);
        Assert.Contains("seed 11 is already in this database", again.Err);

        static async Task<string> Sum(string path)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT SUM(TotalMinor) || '/' || SUM(OpenMinor) || '/' || COUNT(*) FROM Invoices";
            return (string)(await command.ExecuteScalarAsync())!;
        }
    }

    [Fact]
    public async Task Imports_run_from_files_and_a_bad_file_exits_non_zero_naming_the_line()
    {
        var customers = WriteFile("customers.csv", "number,name,email,currency,terms_days,discount_percent,discount_days,credit_limit\nC-1,Acme,ap@acme.test,USD,30,,,\n");
        var ok = await Run("--db", Db, "import", "customers", customers);
        Assert.Equal(CliApp.Ok, ok.Code);
        Assert.Contains("1 created", ok.Out);

        var invoices = WriteFile("invoices.csv", "number,customer_number,issue_date,due_date,amount,currency,po_number\nI-1,C-1,2026-01-01,2026-01-31,10.00,USD,\nI-2,C-1,2026-01-01,2026-01-31,ten,USD,\n");
        var bad = await Run("--db", Db, "import", "invoices", invoices);
        Assert.Equal(CliApp.Failed, bad.Code);
        Assert.Contains("nothing was changed", bad.Err);
        Assert.Contains("line 3, field 'amount': 'ten' is not a decimal amount", bad.Err);
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM Invoices"));
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM Journals"));

        var missing = await Run("--db", Db, "import", "invoices", Path.Combine(_folder, "nope.csv"));
        Assert.Equal(CliApp.Failed, missing.Code);
        Assert.Contains("no such file", missing.Err);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "seed", "bulk", "--invoices", "10" }, "needs --customers N")]
    [InlineData(new[] { "seed", "bulk", "--customers", "ten", "--invoices", "10" }, "--customers must be a whole number, not 'ten'")]
    [InlineData(new[] { "seed", "bulk", "--customers", "0", "--invoices", "10" }, "--customers must be between 1")]
    [InlineData(new[] { "seed", "bulk", "--customers", "1", "--invoice", "10" }, "does not take --invoice")]
    [InlineData(new[] { "import", "customers" }, "unknown command 'import customers'")]
    [InlineData(new[] { "check", "ledger", "--db" }, "--db needs a value")]
    [InlineData(new[] { "--config", "/nonexistent/site.json", "check", "ledger" }, "--config: no such file: /nonexistent/site.json")]
    [InlineData(new[] { "plans", "run", "--as-of", "23/11/2026" }, "--as-of must be a date like 2026-11-23, not '23/11/2026'")]
    [InlineData(new[] { "plans", "run", "--asof", "2026-11-23" }, "does not take --asof")]
    public async Task Wrong_usage_exits_2_and_says_what_is_wrong(string[] args, string expected)
    {
        var (code, _, err) = await Run([.. args.Select(a => a), .. (args.Contains("--db") ? Array.Empty<string>() : ["--db", Db])]);
        Assert.Equal(CliApp.Usage, code);
        Assert.Contains(expected, err);
    }
}

public class CliDatabaseErrorTests
{
    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_not_thrown()
    {
        var path = Path.Combine(Path.GetTempPath(), "payportal-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "this is a text file, not SQLite, and long enough to have a header page of sorts..........");
        var stderr = new StringWriter();
        var code = await PayPortal.Cli.CliApp.RunAsync(["--db", path, "check", "ledger"], new StringWriter(), stderr);
        Assert.Equal(PayPortal.Cli.CliApp.Failed, code);
        Assert.Contains("the database refused the change", stderr.ToString());
        Assert.Contains("not a database", stderr.ToString());
        File.Delete(path);
    }
}

/// <summary>Environment variables are the process's: these tests run alone, not beside other CLI tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>The CLI reads the same settings as the portal: what it writes is signed and linked as configured.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public class CliConfigurationTests : IAsyncLifetime
{
    private TempDatabase _db = null!;
    private string _settings = null!;
    private long _invoiceId;

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        _settings = Path.Combine(_db.Folder, "settings");
        Directory.CreateDirectory(_settings);
        await using var scope = _db.Scope();
        var invoice = Collections.CollectionsData.Invoice(scope.Db, Collections.CollectionsData.Customer(scope.Db, "C-1"), "INV-1", -15, 420_00);
        await scope.Db.SaveChangesAsync();
        _invoiceId = invoice.Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> DunningRunAsync(params string[] extra)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync([.. extra, "--db", _db.Path, "dunning", "run", "--as-of", Collections.CollectionsData.Today.ToString("yyyy-MM-dd")], stdout, stderr, _settings);
        Assert.True(code == CliApp.Ok, stderr.ToString());
        return (string)(await _db.ScalarAsync("SELECT TextBody FROM Outbox WHERE Kind = 'dunning'"))!;
    }

    private static string Settings(string company, string publicUrl) =>
        $$"""{ "Company": { "Name": "{{company}}" }, "PayPortal": { "PublicUrl": "{{publicUrl}}" } }""";

    [Fact]
    public async Task Dunning_run_signs_and_links_with_the_appsettings_beside_the_executable()
    {
        await File.WriteAllTextAsync(Path.Combine(_settings, "appsettings.json"), Settings("Acme Receivables Ltd", "https://pay.acme.example/"));

        var body = await DunningRunAsync();

        Assert.EndsWith("\n\nAcme Receivables Ltd\n", body);
        Assert.Contains($"https://pay.acme.example/Portal/Pay?invoice={_invoiceId}", body);
        Assert.DoesNotContain("localhost:5080", body);
    }

    [Fact]
    public async Task A_config_file_overrides_the_appsettings_and_the_environment_overrides_both()
    {
        await File.WriteAllTextAsync(Path.Combine(_settings, "appsettings.json"), Settings("From appsettings", "https://appsettings.example"));
        var file = Path.Combine(_db.Folder, "site.json");
        await File.WriteAllTextAsync(file, Settings("From the config file", "https://config-file.example"));
        Environment.SetEnvironmentVariable("Company__Name", "Globex Collections");
        Environment.SetEnvironmentVariable("PAYPORTAL_PayPortal__PublicUrl", "https://billing.globex.example");
        try
        {
            var body = await DunningRunAsync("--config", file);

            Assert.EndsWith("\n\nGlobex Collections\n", body);
            Assert.Contains($"https://billing.globex.example/Portal/Pay?invoice={_invoiceId}", body);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Company__Name", null);
            Environment.SetEnvironmentVariable("PAYPORTAL_PayPortal__PublicUrl", null);
        }
    }

    [Fact]
    public async Task The_config_file_alone_is_read_after_the_appsettings()
    {
        await File.WriteAllTextAsync(Path.Combine(_settings, "appsettings.json"), Settings("From appsettings", "https://appsettings.example"));
        var file = Path.Combine(_db.Folder, "site.json");
        await File.WriteAllTextAsync(file, Settings("From the config file", "https://config-file.example"));

        var body = await DunningRunAsync("--config", file);

        Assert.EndsWith("\n\nFrom the config file\n", body);
        Assert.Contains($"https://config-file.example/Portal/Pay?invoice={_invoiceId}", body);
    }

    [Fact]
    public async Task A_setting_the_validators_refuse_stops_the_command_before_it_does_anything()
    {
        await File.WriteAllTextAsync(Path.Combine(_settings, "appsettings.json"), """{ "Company": { "LogoPath": "/nowhere/logo.png" } }""");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["--db", _db.Path, "dunning", "run", "--as-of", Collections.CollectionsData.Today.ToString("yyyy-MM-dd")], stdout, stderr, _settings);

        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("Company:LogoPath '/nowhere/logo.png' does not exist.", stderr.ToString());
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM Outbox"));
    }
}
