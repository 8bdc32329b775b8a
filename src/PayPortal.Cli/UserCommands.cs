using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Staff;

namespace PayPortal.Cli;

/// <summary>
/// `payportal user ...`: staff accounts from the command line, through the same workflow as the Admin pages. How the
/// first Admin of a production database is made. A password never comes as an argument (shell history and the
/// process list keep those): a set-password link by email, a prompt on a terminal, or one line on standard input.
/// </summary>
internal static class UserCommands
{
    public const string PasswordArgumentRefusal =
        "a password is never given as an argument (shell history and the process list would keep it): " +
        "pipe it in with --password-stdin, type it with --password-prompt, or leave both out to email a set-password link";

    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var staff = services.GetRequiredService<StaffAccounts>();
        switch (args.Command)
        {
            case ["user", "add", var email]:
                args.RequireOnly("--role", "--name", "--password-stdin", "--password-prompt");
                var role = args.Text("--role") ?? throw new UsageException($"'user add' needs --role ({StaffAccounts.RoleChoices})");
                if (StaffAccounts.StaffRole(role) is null) throw new UsageException($"--role must be {StaffAccounts.RoleChoices}, not '{role}'");
                if (args.Flag("--password-stdin") && args.Flag("--password-prompt")) throw new UsageException("give --password-stdin or --password-prompt, not both");
                var password = args.Flag("--password-stdin") ? await FromStdinAsync(stdin)
                    : args.Flag("--password-prompt") ? await PromptAsync(stdin, stdout)
                    : null;
                return await ReportAsync(await staff.AddAsync(email, role, args.Text("--name"), password, ct), stdout, stderr);
            case ["user", "list"]:
                args.RequireOnly();
                await ListAsync(staff, stdout, ct);
                return CliApp.Ok;
            case ["user", "role", var email, var newRole]:
                args.RequireOnly();
                return await ReportAsync(await staff.ChangeRoleAsync(email, newRole, actingUserId: null, ct), stdout, stderr);
            case ["user", "disable", var email]:
                args.RequireOnly();
                return await ReportAsync(await staff.DisableAsync(email, actingUserId: null, ct), stdout, stderr);
            case ["user", "enable", var email]:
                args.RequireOnly();
                return await ReportAsync(await staff.EnableAsync(email, ct), stdout, stderr);
            case ["user", "reset-2fa", var email]:
                args.RequireOnly();
                return await ReportAsync(await staff.ResetTwoFactorAsync(email, ct), stdout, stderr);
            default:
                throw new UsageException($"unknown command '{string.Join(' ', args.Command)}' (user add EMAIL --role ROLE, user list, user role EMAIL ROLE, user disable|enable|reset-2fa EMAIL)");
        }
    }

    private static async Task ListAsync(StaffAccounts staff, TextWriter stdout, CancellationToken ct)
    {
        var members = await staff.ListAsync(ct);
        if (members.Count == 0)
        {
            await stdout.WriteLineAsync("No staff accounts yet. Create the first Admin with: payportal user add EMAIL --role Admin");
            return;
        }
        var rows = members.Select(m => new[]
        {
            m.Email, m.Role, !m.Enabled ? "disabled" : m.PasswordSet ? "enabled" : "invited", m.TwoFactor ? "2fa-on" : "2fa-off",
            m.LastSignInAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z" : "never",
        }).ToList();
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows) await stdout.WriteLineAsync(string.Join("  ", row.Select((text, i) => text.PadRight(widths[i]))).TrimEnd());
    }

    private static async Task<int> ReportAsync(StepResult result, TextWriter stdout, TextWriter stderr)
    {
        if (result.Succeeded)
        {
            await stdout.WriteLineAsync(result.Message);
            return CliApp.Ok;
        }
        await stderr.WriteLineAsync($"payportal: {result.Message} Nothing was changed.");
        return CliApp.Failed;
    }

    private static async Task<string> FromStdinAsync(TextReader stdin) =>
        (await stdin.ReadLineAsync())?.TrimEnd('\r') is { Length: > 0 } line ? line : throw new UsageException("--password-stdin: standard input has no password line");

    private static async Task<string> PromptAsync(TextReader stdin, TextWriter stdout)
    {
        if (!ReferenceEquals(stdin, Console.In) || Console.IsInputRedirected)
            throw new UsageException("--password-prompt needs a terminal; pipe the password in with --password-stdin instead");
        await stdout.WriteAsync("Password: ");
        var first = ReadHidden();
        await stdout.WriteAsync("Repeat the password: ");
        var second = ReadHidden();
        return first == second && first.Length > 0 ? first : throw new UsageException("the two passwords differ (or are empty)");
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.WriteLine();
        return text.ToString();
    }
}
