using System.Text.RegularExpressions;
using MimeKit;
using PayPortal.Cli;

namespace PayPortal.Infrastructure.Tests;

/// <summary>`payportal user ...` and the demo-data refusal, run in-process against a real database file (environment: Production).</summary>
public class CliUserTests : IAsyncLifetime
{
    private string _folder = null!;
    private string Db => Path.Combine(_folder, "users.db");
    private string Mail => Path.Combine(_folder, "mail");

    public async Task InitializeAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "payportal-tests", "cli-users-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "appsettings.json"), $$"""
            { "PayPortal": { "KeysDirectory": "{{Path.Combine(_folder, "keys")}}", "PublicUrl": "https://pay.acme.example" },
              "Smtp": { "PickupDirectory": "{{Mail}}", "FromAddress": "billing@acme.example" } }
            """);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private async Task<(int Code, string Out, string Err)> RunWithInput(string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["--db", Db, .. args], new StringReader(stdin ?? ""), stdout, stderr, _folder);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => RunWithInput(null, args);

    private async Task<long> Scalar(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task AddAdmin(string email = "root@acme.example")
    {
        var added = await RunWithInput("Root-Pass-2026\n", "user", "add", email, "--role", "Admin", "--name", "Rita Root", "--password-stdin");
        Assert.True(added.Code == CliApp.Ok, added.Err);
    }

    [Fact]
    public async Task The_first_admin_of_an_empty_database_comes_from_the_cli_with_the_password_on_standard_input()
    {
        var added = await RunWithInput("Root-Pass-2026\n", "user", "add", "root@acme.example", "--role", "admin", "--name", "Rita Root", "--password-stdin");
        Assert.Equal((CliApp.Ok, "root@acme.example can now sign in as Admin."), (added.Code, added.Out.Trim()));
        Assert.Equal(1, await Scalar("SELECT COUNT(*) FROM AspNetUsers WHERE Email = 'root@acme.example' AND PasswordHash IS NOT NULL AND CustomerId IS NULL"));
        Assert.Equal(1, await Scalar("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'staff.add' AND Actor LIKE 'cli:%'"));

        var list = await Run("user", "list");
        Assert.Equal(CliApp.Ok, list.Code);
        Assert.Matches(@"^root@acme\.example\s+Admin\s+enabled\s+2fa-off\s+never$", list.Out.Trim());
    }

    [Fact]
    public async Task Adding_without_a_password_emails_a_set_password_link_under_the_public_url()
    {
        var added = await Run("user", "add", "sam@acme.example", "--role", "Specialist", "--name", "Sam Spec");
        Assert.Equal((CliApp.Ok, "Invitation sent to sam@acme.example (Specialist)."), (added.Code, added.Out.Trim()));
        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(Mail, "*.eml")));
        Assert.Equal("sam@acme.example", mail.To.Mailboxes.Single().Address);
        Assert.Matches(new Regex(@"https://pay\.acme\.example/Identity/Account/AcceptInvitation\?userId=[^&\s]+&code=[\w-]+"), mail.TextBody);
        Assert.Equal(0, await Scalar("SELECT COUNT(*) FROM AspNetUsers WHERE PasswordHash IS NOT NULL"));
        Assert.Contains("invited", (await Run("user", "list")).Out);

        // Asking again while the link is unused sends a fresh one; it does not make a second account.
        var again = await Run("user", "add", "sam@acme.example", "--role", "Specialist");
        Assert.Equal(CliApp.Ok, again.Code);
        Assert.Equal(2, Directory.GetFiles(Mail, "*.eml").Length);
        Assert.Equal(1, await Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }

    [Theory]
    [InlineData("--password", "Secret-Pass-2026")]
    [InlineData("--password=Secret-Pass-2026")]
    public async Task A_password_as_an_argument_is_refused_and_nothing_is_created(params string[] password)
    {
        var (code, _, err) = await Run(["user", "add", "eve@acme.example", "--role", "Admin", .. password]);
        Assert.Equal(CliApp.Usage, code);
        Assert.Contains("a password is never given as an argument", err);
        Assert.False(File.Exists(Db) && await Scalar("SELECT COUNT(*) FROM AspNetUsers") > 0);
    }

    [Theory]
    [InlineData(new[] { "user", "add", "x@acme.example", "--role", "Boss" }, "--role must be Specialist, Manager or Admin, not 'Boss'")]
    [InlineData(new[] { "user", "add", "x@acme.example", "--role", "Customer" }, "--role must be Specialist, Manager or Admin, not 'Customer'")]
    [InlineData(new[] { "user", "add", "x@acme.example" }, "needs --role")]
    [InlineData(new[] { "user", "add", "x@acme.example", "--role", "Admin", "--password-prompt" }, "--password-prompt needs a terminal")]
    [InlineData(new[] { "user", "add", "x@acme.example", "--role", "Admin", "--password-stdin" }, "standard input has no password line")]
    [InlineData(new[] { "user", "remove", "x@acme.example" }, "unknown command 'user remove x@acme.example'")]
    public async Task Wrong_user_usage_exits_2_says_what_is_wrong_and_creates_nobody(string[] args, string expected)
    {
        var (code, _, err) = await Run(args);
        Assert.Equal(CliApp.Usage, code);
        Assert.Contains(expected, err);
        Assert.Equal(0, await Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task Refusals_exit_1_name_the_problem_and_change_nothing()
    {
        await AddAdmin();
        Assert.Equal((CliApp.Failed, "payportal: root@acme.example already has an account. Nothing was changed."), Trimmed(await RunWithInput("x\n", "user", "add", "root@acme.example", "--role", "Specialist", "--password-stdin")));
        Assert.Equal((CliApp.Failed, "payportal: 'not-an-email' is not an email address. Nothing was changed."), Trimmed(await Run("user", "add", "not-an-email", "--role", "Specialist")));
        Assert.Contains("Passwords must be at least 10 characters", (await RunWithInput("short\n", "user", "add", "kim@acme.example", "--role", "Manager", "--password-stdin")).Err);
        foreach (var command in new[] { "disable", "enable", "reset-2fa" })
            Assert.Equal((CliApp.Failed, "payportal: No staff account has the email 'nobody@acme.example'. Nothing was changed."), Trimmed(await Run("user", command, "nobody@acme.example")));
        Assert.Equal(CliApp.Failed, (await Run("user", "role", "nobody@acme.example", "Manager")).Code);
        Assert.Contains("'Boss' is not a staff role", (await Run("user", "role", "root@acme.example", "Boss")).Err);
        Assert.Equal(1, await Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }

    private static (int, string) Trimmed((int Code, string Out, string Err) r) => (r.Code, r.Err.Trim());

    [Fact]
    public async Task The_last_admin_cannot_be_demoted_or_disabled_until_another_admin_can_sign_in()
    {
        await AddAdmin();
        Assert.Contains("root@acme.example is the last Admin", (await Run("user", "role", "root@acme.example", "Manager")).Err);
        Assert.Contains("root@acme.example is the last Admin", (await Run("user", "disable", "root@acme.example")).Err);

        // An invited Admin who has not chosen a password yet cannot sign in, so does not count.
        Assert.Equal(CliApp.Ok, (await Run("user", "add", "new.admin@acme.example", "--role", "Admin")).Code);
        Assert.Equal(CliApp.Failed, (await Run("user", "role", "root@acme.example", "Manager")).Code);
        Assert.Equal(1, await Scalar("SELECT COUNT(*) FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId JOIN AspNetUsers u ON u.Id = ur.UserId WHERE r.Name = 'Admin' AND u.Email = 'root@acme.example'"));

        await AddAdmin("second@acme.example");
        Assert.Equal((CliApp.Ok, "root@acme.example is now Manager."), (await Run("user", "role", "root@acme.example", "Manager")) is var r ? (r.Code, r.Out.Trim()) : default);
        Assert.Matches(@"root@acme\.example\s+Manager\s+enabled", (await Run("user", "list")).Out);
        Assert.Contains("second@acme.example is the last Admin", (await Run("user", "disable", "second@acme.example")).Err);
    }

    [Fact]
    public async Task Disable_enable_and_reset_two_factor_show_in_the_list_and_the_audit_trail()
    {
        await AddAdmin();
        Assert.Equal(CliApp.Ok, (await RunWithInput("Spec-Pass-2026\n", "user", "add", "sam@acme.example", "--role", "Specialist", "--password-stdin")).Code);

        Assert.Equal(CliApp.Ok, (await Run("user", "disable", "sam@acme.example")).Code);
        Assert.Matches(@"sam@acme\.example\s+Specialist\s+disabled", (await Run("user", "list")).Out);
        Assert.Contains("already disabled", (await Run("user", "disable", "sam@acme.example")).Err);
        Assert.Equal(CliApp.Ok, (await Run("user", "enable", "sam@acme.example")).Code);
        Assert.Matches(@"sam@acme\.example\s+Specialist\s+enabled", (await Run("user", "list")).Out);

        await Scalar("UPDATE AspNetUsers SET TwoFactorEnabled = 1 WHERE Email = 'sam@acme.example'");
        Assert.Matches(@"sam@acme\.example\s+Specialist\s+enabled\s+2fa-on", (await Run("user", "list")).Out);
        Assert.Equal(CliApp.Ok, (await Run("user", "reset-2fa", "sam@acme.example")).Code);
        Assert.Matches(@"sam@acme\.example\s+Specialist\s+enabled\s+2fa-off", (await Run("user", "list")).Out);

        Assert.Equal(3, await Scalar("SELECT COUNT(*) FROM AuditEvents WHERE Action IN ('staff.disable', 'staff.enable', 'staff.reset-2fa')"));
    }

    [Fact]
    public async Task Seed_demo_is_refused_outside_development_and_says_how_to_make_the_first_admin()
    {
        var (code, _, err) = await Run("seed", "demo");
        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("only seeded in Development", err);
        Assert.Contains("payportal user add EMAIL --role Admin", err);
        Assert.Equal(0, await Scalar("SELECT COUNT(*) FROM AspNetUsers") + await Scalar("SELECT COUNT(*) FROM Customers"));
    }

    [Fact]
    public async Task User_list_on_an_empty_database_says_how_to_make_the_first_admin()
    {
        var (code, output, err) = await Run("user", "list");
        Assert.True(code == CliApp.Ok, err);
        Assert.Contains("payportal user add EMAIL --role Admin", output);
    }
}
