using PayPortal.Cli;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Collections;

public class DunningCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Dry_run_lists_what_would_go_out_then_the_run_sends_it_once()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            Invoice(scope.Db, Customer(scope.Db, "C-1"), "INV-1", -15, 420_00);
            await scope.Db.SaveChangesAsync();
        }
        var day = Today.ToString("yyyy-MM-dd");

        var dry = await Run("--db", db.Path, "dunning", "run", "--as-of", day, "--dry-run");
        Assert.Equal(CliApp.Ok, dry.Code);
        Assert.Contains("dry run (nothing sent, nothing changed)", dry.Out);
        Assert.Contains("email   +15  C-1  1 invoice(s)  USD 420.00  to ap@c-1.test  \"Second reminder: USD 420.00 overdue\"", dry.Out);
        Assert.Equal(0L, await db.ScalarAsync("SELECT COUNT(*) FROM Outbox"));

        var run = await Run("--db", db.Path, "dunning", "run", "--as-of", day);
        Assert.Contains("1 email(s), 0 letter(s), 0 call task(s) covering 1 invoice(s)", run.Out);
        var again = await Run("--db", db.Path, "dunning", "run", "--as-of", day);
        Assert.Contains("0 email(s), 0 letter(s), 0 call task(s) covering 0 invoice(s)", again.Out);
        Assert.Equal(1L, await db.ScalarAsync("SELECT COUNT(*) FROM Outbox"));

        var bad = await Run("--db", db.Path, "dunning", "run", "--as-of", "tomorrow");
        Assert.Equal(CliApp.Usage, bad.Code);
        Assert.Contains("--as-of must be a date like 2026-11-23, not 'tomorrow'", bad.Err);
    }
}
