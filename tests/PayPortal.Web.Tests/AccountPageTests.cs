using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

public class AccountPageTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task An_account_admin_sees_the_contacts_and_invites_a_colleague_to_the_same_account()
    {
        var admin = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var html = await admin.GetStringAsync("/Portal/Account");
        Assert.Contains(DemoAccounts.CustomerColleague.Email, html);
        Assert.DoesNotContain(DemoAccounts.OtherCustomer.Email, html);

        var invited = await admin.PostForm("/Portal/Account?handler=Invite", new Dictionary<string, string> { ["Invite.Name"] = "Pat Payables", ["Invite.Email"] = "pat@acme-fab.example" }, tokenFrom: "/Portal/Account");
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var colleague = await factory.WithDb(db => db.Users.SingleAsync(u => u.Email == "pat@acme-fab.example"));
        var adminAccount = await factory.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoAccounts.Customer.Email));
        Assert.Equal(adminAccount.CustomerId, colleague.CustomerId);
        Assert.False(colleague.IsAccountAdmin);
        Assert.Contains("Invitation sent to pat@acme-fab.example", await admin.GetStringAsync("/Portal/Account"));
    }

    [Fact]
    public async Task A_contact_who_is_not_an_account_admin_cannot_invite()
    {
        var contact = await factory.SignedInAs(DemoAccounts.CustomerColleague.Email);
        Assert.DoesNotContain("Invite a colleague", await contact.GetStringAsync("/Portal/Account"));
        var before = await factory.WithDb(db => db.Users.CountAsync());
        var response = await contact.PostForm("/Portal/Account?handler=Invite", new Dictionary<string, string> { ["Invite.Name"] = "X", ["Invite.Email"] = "x@acme-fab.example" }, tokenFrom: "/Portal/Account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        Assert.Equal(before, await factory.WithDb(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Email_preferences_are_saved()
    {
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var saved = await client.PostForm("/Portal/Account?handler=Preferences", new Dictionary<string, string> { ["Preferences.EmailInvoicesAndStatements"] = "true" }, tokenFrom: "/Portal/Account");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var user = await factory.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoAccounts.OtherCustomer.Email));
        Assert.Equal((true, false), (user.EmailInvoicesAndStatements, user.EmailReminders));
        Assert.Contains("Your email preferences are saved.", await client.GetStringAsync("/Portal/Account"));
    }

    [Fact]
    public async Task A_successful_htmx_post_is_told_where_to_go_with_HX_Redirect_instead_of_a_redirect_htmx_would_follow()
    {
        var client = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        var request = new HttpRequestMessage(HttpMethod.Post, "/Portal/Account?handler=Preferences")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Preferences.EmailReminders"] = "true",
                ["__RequestVerificationToken"] = await client.AntiforgeryToken("/Portal/Account"),
            }),
        };
        request.Headers.Add("HX-Request", "true");

        var saved = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Null(saved.Headers.Location);
        Assert.Equal("/Portal/Account", Assert.Single(saved.Headers.GetValues("HX-Redirect")));
        var user = await factory.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoAccounts.OtherCustomer.Email));
        Assert.True(user.EmailReminders);
    }
}
