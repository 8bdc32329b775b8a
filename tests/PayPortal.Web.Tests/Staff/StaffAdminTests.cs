using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Infrastructure.Staff;

namespace PayPortal.Web.Tests.Staff;

/// <summary>The Admin staff page through the real pipeline: who may use it, what it does, and every refusal.</summary>
public class StaffAdminTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private const string Page = "/BackOffice/Admin/Staff";

    private async Task<HttpClient> Admin() => await factory.SignedInAs(DemoAccounts.Admin.Email);

    private static Task<HttpResponseMessage> Post(HttpClient client, string handler, Dictionary<string, string> fields, string? query = null) =>
        client.PostForm($"{Page}?handler={handler}{query}", fields, tokenFrom: "/BackOffice");

    private static async Task<string> Refused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return WebUtility.HtmlDecode(Regex.Match(html, "id=\"problem\">([^<]*)<").Groups[1].Value);
    }

    [Fact]
    public async Task Only_admins_open_the_staff_page_and_only_they_see_its_link()
    {
        var admin = await Admin();
        var html = await admin.GetStringAsync(Page);
        Assert.Contains("<h1>Staff accounts</h1>", html);
        foreach (var staff in new[] { DemoAccounts.Admin, DemoAccounts.Manager, DemoAccounts.Specialist }) Assert.Contains(staff.Email, html);
        Assert.DoesNotContain(DemoAccounts.Customer.Email, html);
        Assert.Contains($"href=\"{Page}\"", await admin.GetStringAsync("/BackOffice"));

        foreach (var email in new[] { DemoAccounts.Specialist.Email, DemoAccounts.Manager.Email, DemoAccounts.Customer.Email })
        {
            var client = await factory.SignedInAs(email);
            var response = await client.GetAsync(Page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.Where());
        }
        Assert.DoesNotContain(Page, await (await factory.SignedInAs(DemoAccounts.Manager.Email)).GetStringAsync("/BackOffice"));
        Assert.StartsWith("/Identity/Account/Login", (await factory.Client().GetAsync(Page)).Headers.Location!.Where());
    }

    [Fact]
    public async Task A_manager_posting_to_the_staff_page_is_refused_and_nothing_changes()
    {
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        var invite = await Post(manager, "Invite", new() { ["Invite.Email"] = "sneaky@staff.example", ["Invite.Role"] = "Admin" });
        Assert.StartsWith("/Identity/Account/AccessDenied", invite.Headers.Location!.Where());
        var role = await Post(manager, "Role", new() { ["role"] = "Admin" }, $"&email={Uri.EscapeDataString(DemoAccounts.Manager.Email)}");
        Assert.StartsWith("/Identity/Account/AccessDenied", role.Headers.Location!.Where());
        Assert.False(await factory.WithDb(db => db.Users.AnyAsync(u => u.Email == "sneaky@staff.example")));
        Assert.Equal([Roles.Manager], await factory.RolesOfAsync(DemoAccounts.Manager.Email));
    }

    [Fact]
    public async Task An_admin_invites_a_specialist_who_sets_a_password_once_and_lands_in_the_back_office()
    {
        var admin = await Admin();
        var invited = await Post(admin, "Invite", new() { ["Invite.Email"] = "nina@staff.example", ["Invite.Name"] = "Nina North", ["Invite.Role"] = "Specialist" });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var list = await admin.GetStringAsync(Page);
        Assert.Contains("Invitation sent to nina@staff.example (Specialist).", list);
        Assert.Matches(new Regex(@"nina@staff\.example.*?Specialist</td>\s*<td>Invited</td>\s*<td>Off</td>\s*<td>Never</td>", RegexOptions.Singleline), list);

        var link = await factory.InvitationLinkAsync("nina@staff.example");
        var nina = factory.Client();
        Assert.Contains("Choose a password for <strong>nina@staff.example</strong>", await nina.GetStringAsync(link));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var form = new Dictionary<string, string> { ["Input.UserId"] = query["userId"]!, ["Input.Code"] = query["code"]!, ["Input.Password"] = StaffTestData.Password, ["Input.ConfirmPassword"] = StaffTestData.Password };
        var accepted = await nina.PostForm("/Identity/Account/AcceptInvitation", form, tokenFrom: link);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/BackOffice", accepted.Headers.Location!.Where());
        Assert.Equal(HttpStatusCode.OK, (await nina.GetAsync("/BackOffice")).StatusCode);
        Assert.NotNull((await factory.UserAsync("nina@staff.example")).LastSignInAt);

        // The link works once.
        var other = factory.Client();
        Assert.Contains("This invitation link is not valid", await other.GetStringAsync(link));
        form["Input.Password"] = form["Input.ConfirmPassword"] = "Another-Pass-2026";
        Assert.Contains("This invitation link is not valid", await (await other.PostForm("/Identity/Account/AcceptInvitation", form, tokenFrom: "/Identity/Account/Login")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Client().SignIn("nina@staff.example", StaffTestData.Password)).StatusCode);

        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Action == "staff.add" && e.Actor == DemoAccounts.Admin.Email && e.Changes!.Contains("nina@staff.example"))));
    }

    [Fact]
    public async Task Every_refusal_says_why_with_422_and_changes_nothing()
    {
        var admin = await Admin();
        var me = Uri.EscapeDataString(DemoAccounts.Admin.Email);
        var users = await factory.WithDb(db => db.Users.CountAsync());

        Assert.Equal("You cannot change your own role: another Admin has to.", await Refused(await Post(admin, "Role", new() { ["role"] = "Manager" }, $"&email={me}")));
        Assert.Equal("You cannot disable your own account.", await Refused(await Post(admin, "Disable", [], $"&email={me}")));
        var specialist = await factory.NewStaffAsync(Roles.Specialist);
        Assert.Equal("'Boss' is not a staff role: choose Specialist, Manager or Admin.", await Refused(await Post(admin, "Role", new() { ["role"] = "Boss" }, $"&email={Uri.EscapeDataString(specialist)}")));
        Assert.Equal("'Customer' is not a staff role: choose Specialist, Manager or Admin.", await Refused(await Post(admin, "Invite", new() { ["Invite.Email"] = "c@staff.example", ["Invite.Role"] = "Customer" })));
        Assert.Equal($"{DemoAccounts.Specialist.Email} already has an account.", await Refused(await Post(admin, "Invite", new() { ["Invite.Email"] = DemoAccounts.Specialist.Email, ["Invite.Role"] = "Manager" })));
        Assert.Equal($"{DemoAccounts.Customer.Email} already has an account.", await Refused(await Post(admin, "Invite", new() { ["Invite.Email"] = DemoAccounts.Customer.Email, ["Invite.Role"] = "Admin" })));
        Assert.Equal("No staff account has the email 'nobody@staff.example'.", await Refused(await Post(admin, "Disable", [], "&email=nobody%40staff.example")));
        Assert.Equal($"No staff account has the email '{DemoAccounts.Customer.Email}'.", await Refused(await Post(admin, "ResetTwoFactor", [], $"&email={Uri.EscapeDataString(DemoAccounts.Customer.Email)}")));
        Assert.Equal("Give the email address and the role of the person to invite.", await Refused(await Post(admin, "Invite", new() { ["Invite.Email"] = "not an email", ["Invite.Role"] = "Specialist" })));

        Assert.Equal(users + 1, await factory.WithDb(db => db.Users.CountAsync()));
        Assert.Equal([Roles.Admin], await factory.RolesOfAsync(DemoAccounts.Admin.Email));
        Assert.Equal([Roles.Specialist], await factory.RolesOfAsync(specialist));
        Assert.Null((await factory.UserAsync(DemoAccounts.Admin.Email)).DisabledAt);
    }

    [Fact]
    public async Task The_last_admin_keeps_the_role_however_the_workflow_is_asked()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        Assert.Equal($"{DemoAccounts.Admin.Email} is the last Admin: make someone else Admin first.", (await staff.ChangeRoleAsync(DemoAccounts.Admin.Email, Roles.Manager, actingUserId: null)).Message);
        Assert.Equal($"{DemoAccounts.Admin.Email} is the last Admin: make someone else Admin first.", (await staff.DisableAsync(DemoAccounts.Admin.Email, actingUserId: null)).Message);
        Assert.Equal([Roles.Admin], await factory.RolesOfAsync(DemoAccounts.Admin.Email));
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_and_signs_in_like_a_wrong_password_until_enabled()
    {
        var email = await factory.NewStaffAsync(Roles.Specialist);
        var session = await factory.SignedInAs(email, StaffTestData.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/BackOffice")).StatusCode);

        var admin = await Admin();
        Assert.Equal(HttpStatusCode.Redirect, (await Post(admin, "Disable", [], $"&email={Uri.EscapeDataString(email)}")).StatusCode);
        Assert.Matches(new Regex(Regex.Escape(email) + @".*?<td>Disabled</td>", RegexOptions.Singleline), await admin.GetStringAsync(Page));

        var after = await session.GetAsync("/BackOffice");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", after.Headers.Location!.Where());
        var right = await factory.Client().SignIn(email, StaffTestData.Password);
        var wrong = await factory.Client().SignIn(email, "Not-The-Password-1");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("The email or password is not right.", await right.Content.ReadAsStringAsync());
        Assert.Contains("The email or password is not right.", await wrong.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await Post(admin, "Enable", [], $"&email={Uri.EscapeDataString(email)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Client().SignIn(email, StaffTestData.Password)).StatusCode);
        Assert.Equal(2, await factory.WithDb(db => db.AuditEvents.CountAsync(e => (e.Action == "staff.disable" || e.Action == "staff.enable") && e.Actor == DemoAccounts.Admin.Email)));
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_the_next_request_and_is_shown_with_the_last_sign_in()
    {
        var email = await factory.NewStaffAsync(Roles.Specialist);
        var session = await factory.SignedInAs(email, StaffTestData.Password);
        var admin = await Admin();
        var changed = await Post(admin, "Role", new() { ["role"] = "Manager" }, $"&email={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal([Roles.Manager], await factory.RolesOfAsync(email));
        Assert.Contains($"{email} is now Manager.", await admin.GetStringAsync(Page));
        Assert.Matches(new Regex(Regex.Escape(email) + @".*?Manager</td>\s*<td>Enabled</td>\s*<td>Off</td>\s*<td>\d{4}-\d\d-\d\d \d\d:\d\d UTC</td>", RegexOptions.Singleline), await admin.GetStringAsync(Page));

        // The old cookie still says Specialist: the back office ends that session rather than trust it.
        Assert.StartsWith("/Identity/Account/Login", (await session.GetAsync("/BackOffice")).Headers.Location!.Where());
    }

    [Fact]
    public async Task An_htmx_refusal_answers_the_fragment_with_422()
    {
        var admin = await Admin();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Page}?handler=Disable&email={Uri.EscapeDataString(DemoAccounts.Admin.Email)}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await admin.AntiforgeryToken("/BackOffice") }),
        };
        request.Headers.Add("HX-Request", "true");
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<div id=\"staff-admin\">", html.TrimStart());
        Assert.DoesNotContain("<html", html);
    }
}
