using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PayPortal.Domain;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Imports;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Plans;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Cli;

/// <summary>
/// `payportal [--db PATH] &lt;command&gt;`: the operations face of PayPortal, over the same workflows the
/// web app uses. Exit codes: 0 done, 1 refused (bad data, failed check), 2 wrong usage.
/// </summary>
public static class CliApp
{
    public const int Ok = 0, Failed = 1, Usage = 2;

    public const string Help = """
        Usage: payportal [--db PATH] [--config FILE] <command>

        Commands:
          migrate                                          create or upgrade the database
          user add EMAIL --role Specialist|Manager|Admin [--name NAME] [--password-stdin | --password-prompt]
                                                           a staff account: emails a set-password link, or takes the password from
                                                           standard input or a terminal prompt (never as an argument); the first
                                                           Admin of a new database is made this way
          user list                                        staff: email, roles, enabled, two-factor, last sign-in
          user role EMAIL ROLE                             change a staff member's role (the last Admin stays Admin)
          user disable EMAIL | user enable EMAIL           stop (and end the sessions of) or allow an account's sign-in
          user reset-2fa EMAIL                             remove two-factor sign-in; it is set up again at the next sign-in
          seed demo [--seed S]                             demo company, customers and sign-ins (Development only, empty database)
          seed bulk --customers N --invoices M [--seed S] [--all-open]
                                                           large generated data set for scale tests (--all-open: every invoice still owed)
          import customers FILE.csv                        number,name,email,currency,terms_days,discount_percent,discount_days,credit_limit
          import invoices FILE.csv                         number,customer_number,issue_date,due_date,amount,currency,po_number
          check ledger                                     prove stored amounts equal the AR ledger
          bank import FILE [--auto-apply]                  camt.053/054, BAI2 or CSV statement; prints a JSON summary
          export applications OUT.csv                      allocations made from bank lines (bank_reference,invoice_number,applied_amount,rule,confidence)
          bench cash-application --lines N [--seed S] [--out DIR]
                                                           generate a labelled camt.053 over the open invoices, import it with
                                                           auto-apply, and report auto-match rate, precision and throughput
          bench collections [--skip-dunning]               time aging (today, 90 days ago), the worklist and the dunning run next
                                                           to raw SQL baselines (sends dunning: use a scratch database)
          plans run [--as-of DATE]                         payment plans: reminders before installments, completion, breaking
                                                           plans past the grace period (idempotent; DATE defaults to today)
          dunning run [--as-of DATE] [--dry-run]           decide promises, then send the dunning steps due (idempotent per invoice
                                                           and step; --dry-run lists exactly what would go out and changes nothing)
          statements run [--month YYYY-MM] [--dry-run]     email each customer with a balance their statement (PDF) for the month
                                                           (default: last month); once per customer and month
          risk refresh [--as-of DATE]                      recompute every customer's risk score (payment behaviour) for the worklist
          report aging [--as-of DATE] [--format csv|table] [--buckets 30,60,90,120]
                                                           aging from the ledger as of DATE (default today), one row per customer
                                                           (customer_number,current,d1_30,...,over_120,total) and a total row
          report kpis [--from DATE] [--to DATE] [--format csv|table]
                                                           DSO, countback DSO, best possible DSO, days delinquent, CEI, turnover,
                                                           percent current for the period (default: the last 90 days) and by month
          report forecast [--from DATE] [--format csv|table]
                                                           expected collections per week for 13 weeks (a past DATE adds what came in)
          report end-of-day [--day DATE] [--format csv|table]
                                                           receipts, applications, new disputes, promises due and broken, plans
                                                           broken and emails sent on DATE (default today)

        --db PATH defaults to the configured database (ConnectionStrings:PayPortal, else PayPortal:DatabasePath, else
        $PAYPORTAL_DATA/payportal.db or the user's app data folder); a PATH that does not exist yet is created and migrated.

        Settings (Company:Name, PayPortal:PublicUrl, Smtp:..., as in the portal) come from, later ones winning:
        appsettings.json and appsettings.{Environment}.json beside the executable, --config FILE (same format),
        environment variables (Company__Name=..., or PAYPORTAL_Company__Name=... for the CLI alone), then --db.
        The environment is DOTNET_ENVIRONMENT, else ASPNETCORE_ENVIRONMENT, else Production.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default) =>
        RunAsync(args, Console.In, stdout, stderr, AppContext.BaseDirectory, ct);

    /// <summary>Runs with the settings files of <paramref name="settingsDirectory"/> instead of the executable's folder.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string settingsDirectory, CancellationToken ct = default) =>
        RunAsync(args, Console.In, stdout, stderr, settingsDirectory, ct);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (what --password-stdin reads).</summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string settingsDirectory, CancellationToken ct = default)
    {
        CliArguments parsed;
        try
        {
            parsed = CliArguments.Parse(args);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"payportal: {ex.Message}");
            await stderr.WriteLineAsync("Run 'payportal help' for usage.");
            return Usage;
        }
        if (parsed.Command is ["help"])
        {
            await stdout.WriteLineAsync(Help);
            return Ok;
        }

        ServiceProvider provider;
        try
        {
            provider = BuildServices(settingsDirectory, parsed);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"payportal: {ex.Message}");
            return Usage;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidDataException or FormatException)
        {
            // A settings file that is not JSON, or a setting the validators refuse (e.g. a logo that is not there).
            await stderr.WriteLineAsync($"payportal: the configuration is refused: {ex.Message}");
            return Failed;
        }
        await using var _ = provider;
        await using var scope = provider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            await DatabaseSetup.MigrateAsync(services.GetRequiredService<PayPortalDbContext>(), ct);
            return parsed.Command switch
            {
                ["migrate"] => await Migrated(stdout, services),
                ["seed", "demo"] => await SeedDemo(services, parsed, stdout),
                ["user", ..] => await UserCommands.RunAsync(services, parsed, stdin, stdout, stderr, ct),
                ["seed", "bulk"] => await SeedBulk(services, parsed, stdout, ct),
                ["import", "customers", var file] => await Import(services.GetRequiredService<CustomerCsvImport>().ImportAsync, "customers", file, stdout, stderr, ct),
                ["import", "invoices", var file] => await Import(services.GetRequiredService<InvoiceCsvImport>().ImportAsync, "invoices", file, stdout, stderr, ct),
                ["check", "ledger"] => await CheckLedger(services, stdout, stderr, ct),
                ["plans", "run"] => await RunPlans(services, parsed, stdout, ct),
                ["report", "aging"] => await ReportCommands.AgingAsync(services, parsed, stdout, ct),
                ["report", "kpis"] => await ReportCommands.KpisAsync(services, parsed, stdout, ct),
                ["report", "forecast"] => await ReportCommands.ForecastAsync(services, parsed, stdout, ct),
                ["report", "end-of-day"] => await ReportCommands.EndOfDayAsync(services, parsed, stdout, ct),
                ["dunning", "run"] => await CollectionsCommands.DunningRunAsync(services, parsed, stdout, ct),
                ["statements", "run"] => await CollectionsCommands.StatementsRunAsync(services, parsed, stdout, ct),
                ["risk", "refresh"] => await CollectionsCommands.RiskRefreshAsync(services, parsed, stdout, ct),
                ["bank", "import", var file] => await BankImport(services, parsed, file, stdout, stderr, ct),
                ["export", "applications", var file] => await ExportApplications(services, parsed, file, stdout, ct),
                ["bench", "cash-application"] => await CashApplicationBenchmark.RunAsync(services, parsed, stdout, ct),
                ["bench", "collections"] => await CollectionsBenchmark.RunAsync(services, parsed, stdout, ct),
                _ => throw new UsageException($"unknown command '{string.Join(' ', parsed.Command)}'"),
            };
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"payportal: {ex.Message}");
            await stderr.WriteLineAsync("Run 'payportal help' for usage.");
            return Usage;
        }
        catch (Exception ex) when (ex is DomainRefusal or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"payportal: {ex.Message}");
            return Failed;
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            // E.g. a file that is not a database, a locked database, or a record another process just wrote.
            await stderr.WriteLineAsync($"payportal: the database refused the change; nothing was saved: {(ex.InnerException ?? ex).Message}");
            return Failed;
        }
    }

    private static ServiceProvider BuildServices(string settingsDirectory, CliArguments parsed)
    {
        var environment = CliHost.Environment(settingsDirectory);
        var configuration = CliHost.Configuration(settingsDirectory, environment, parsed.ConfigFile, parsed.DatabasePath);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFilter(_ => false));
        services.AddSingleton<IActor>(new FixedActor($"cli:{Environment.UserName}"));
        services.AddPayPortal(configuration, environment);
        services.AddPayPortalIdentityCore(configuration);
        var provider = services.BuildServiceProvider(validateScopes: true);
        try
        {
            // What a web host does on start: refuse settings the options' validators refuse, before any work.
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }
        return provider;
    }

    private static async Task<int> BankImport(IServiceProvider services, CliArguments args, string file, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        args.RequireOnly("--auto-apply");
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"payportal: {file}: no such file");
            return Failed;
        }
        await using var stream = File.OpenRead(file);
        var result = await services.GetRequiredService<Infrastructure.CashApplication.BankImport>().ImportAsync(stream, file, args.Flag("--auto-apply"), ct);
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync($"payportal: {Path.GetFileName(file)} was not imported; nothing changed:");
            foreach (var problem in result.Errors) await stderr.WriteLineAsync($"  {problem}");
            return Failed;
        }
        await stdout.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
        {
            lines = result.Lines, credits = result.Credits, auto_applied = result.AutoApplied, exceptions = result.Exceptions,
            unapplied_cents = result.UnappliedMinor, duplicate = result.Duplicate,
        }));
        return Ok;
    }

    private static async Task<int> ExportApplications(IServiceProvider services, CliArguments args, string file, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly();
        var count = await services.GetRequiredService<Infrastructure.CashApplication.ApplicationsExport>().WriteAsync(file, ct);
        await stdout.WriteLineAsync($"{count:N0} application(s) written to {Path.GetFullPath(file)}");
        return Ok;
    }

    private static async Task<int> RunPlans(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--as-of");
        var asOf = args.Date("--as-of", services.GetRequiredService<TimeProvider>().Today());
        var result = await services.GetRequiredService<PlanMonitor>().RunAsync(asOf, ct);
        await stdout.WriteLineAsync($"Payment plans as of {asOf:yyyy-MM-dd}: {result.Reminders} reminder(s) queued, {result.Broken} broken, {result.Completed} completed.");
        return Ok;
    }

    private static async Task<int> Migrated(TextWriter stdout, IServiceProvider services)
    {
        var connectionString = services.GetRequiredService<PayPortalDbContext>().Database.GetConnectionString()!;
        await stdout.WriteLineAsync($"Database is up to date: {DataPaths.DatabaseFile(connectionString)}");
        return Ok;
    }

    private static async Task<int> SeedDemo(IServiceProvider services, CliArguments args, TextWriter stdout)
    {
        args.RequireOnly("--seed");
        var result = await services.GetRequiredService<DemoSeeder>().SeedAsync(args.Int("--seed", 20261123, min: 0));
        await stdout.WriteLineAsync($"Demo data: {result.Customers} customers, {result.Invoices} invoices ({result.Paid} paid, {result.PartiallyPaid} partially paid, {result.Disputed} disputed), {result.CreditMemos} credit memos.");
        await stdout.WriteLineAsync($"Sign-ins (password {DemoAccounts.Password}):");
        foreach (var account in DemoAccounts.All) await stdout.WriteLineAsync($"  {account.Role,-10} {account.Email}");
        return Ok;
    }

    private static async Task<int> SeedBulk(IServiceProvider services, CliArguments args, TextWriter stdout, CancellationToken ct)
    {
        args.RequireOnly("--customers", "--invoices", "--seed", "--all-open");
        var options = new BulkSeedOptions(
            args.Int("--customers", null, min: 1, max: 10_000_000),
            args.Int("--invoices", null, min: 0, max: 100_000_000),
            args.Int("--seed", 1, min: 0),
            args.Flag("--all-open"));
        var progress = new Progress<int>(n => stdout.WriteLine($"  {n:N0} invoices..."));
        var result = await services.GetRequiredService<BulkSeeder>().SeedAsync(options, progress, ct);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {result.Customers:N0} customers, {result.Invoices:N0} invoices, {result.Payments:N0} payments ({result.Rows:N0} rows) in {result.Elapsed.TotalSeconds:F1} s."));
        return Ok;
    }

    private static async Task<int> Import(Func<Stream, CancellationToken, Task<ImportResult>> import, string what, string file, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"payportal: no such file: {file}");
            return Failed;
        }
        ImportResult result;
        await using (var stream = File.OpenRead(file)) result = await import(stream, ct);
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync($"payportal: {Path.GetFileName(file)} was not imported; nothing was changed. {result.Errors.Count} problem(s):");
            foreach (var error in result.Errors.Take(200)) await stderr.WriteLineAsync($"  {error}");
            if (result.Errors.Count > 200) await stderr.WriteLineAsync($"  ... and {result.Errors.Count - 200} more");
            return Failed;
        }
        await stdout.WriteLineAsync($"Imported {what} from {Path.GetFileName(file)}: {result.Rows} rows, {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
        return Ok;
    }

    private static async Task<int> CheckLedger(IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var result = await services.GetRequiredService<LedgerConsistencyCheck>().RunAsync(ct);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Checked {result.Journals:N0} journals ({result.Entries:N0} entries), {result.Invoices:N0} invoices, {result.Payments:N0} payments, {result.CreditMemos:N0} credit memos, {result.Customers:N0} customers in {watch.Elapsed.TotalSeconds:F1} s."));
        if (result.IsConsistent)
        {
            await stdout.WriteLineAsync("Ledger is consistent: every stored amount equals the ledger.");
            return Ok;
        }
        await stderr.WriteLineAsync($"Ledger check FAILED: {result.ProblemCount} problem(s).");
        foreach (var problem in result.Problems) await stderr.WriteLineAsync($"  {problem}");
        if (result.ProblemCount > result.Problems.Count) await stderr.WriteLineAsync($"  ... and {result.ProblemCount - result.Problems.Count} more");
        return Failed;
    }
}
