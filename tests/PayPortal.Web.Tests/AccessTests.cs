using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>Who may see what: customers only their own account (others are 404), staff the back office.</summary>
public class AccessTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task The_demo_customer_sees_their_balance_and_every_open_invoice_of_their_own_account_only()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var html = await client.GetStringAsync("/Portal");
        var mine = await factory.CustomerIdOf(DemoAccounts.Customer.Email);
        var other = await factory.CustomerIdOf(DemoAccounts.OtherCustomer.Email);
        var myOpen = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == mine && i.OpenMinor != 0).Select(i => i.Number!).ToListAsync());
        var theirs = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == other).Select(i => i.Number!).ToListAsync());

        Assert.Contains("Acme Fabrication", html);
        Assert.Contains("id=\"recent-activity\"", html);
        Assert.NotEmpty(myOpen);
        Assert.NotEmpty(theirs);
        Assert.All(myOpen, number => Assert.Contains($">{number}</a>", html));
        Assert.All(theirs, number => Assert.DoesNotContain($">{number}<", html));
    }

    [Fact]
    public async Task Another_accounts_invoice_answers_404_and_an_own_invoice_shows_its_lines()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var mine = await factory.CustomerIdOf(DemoAccounts.Customer.Email);
        var other = await factory.CustomerIdOf(DemoAccounts.OtherCustomer.Email);
        var ownInvoice = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == mine).Select(i => new { i.Id, i.Number }).FirstAsync());
        var foreignInvoices = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == other).Select(i => i.Id).ToListAsync());

        var own = await client.GetAsync($"/Portal/Invoices/Details/{ownInvoice.Id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var html = await own.Content.ReadAsStringAsync();
        Assert.Contains($"Invoice {ownInvoice.Number}", html);
        Assert.Contains("id=\"invoice-lines\"", html);

        foreach (var id in foreignInvoices.Append(999_999_999))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Portal/Invoices/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Portal/Invoices/Details/{id}?handler=Pdf")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Portal/Disputes/New?invoice={id}")).StatusCode);
        }
        var foreignDisputes = await factory.WithDb(db => db.Disputes.Where(d => d.CustomerId == other).Select(d => d.Id).ToListAsync());
        foreach (var id in foreignDisputes.Append(999_999_999))
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Portal/Disputes/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Portal/Plans/Details/999999999")).StatusCode);
    }

    [Theory]
    [InlineData("/Portal")]
    [InlineData("/BackOffice")]
    [InlineData("/BackOffice/Customers")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var response = await factory.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/BackOffice")]
    [InlineData("/BackOffice/Customers")]
    [InlineData("/BackOffice/Customers/Details/1")]
    [InlineData("/BackOffice/Invoices")]
    [InlineData("/BackOffice/Invoices/New")]
    [InlineData("/BackOffice/Invoices/Details/1")]
    [InlineData("/BackOffice/Invoices/Edit/1")]
    [InlineData("/BackOffice/Invoices/Details/1?handler=Pdf")]
    [InlineData("/BackOffice/Disputes")]
    [InlineData("/BackOffice/Disputes/Details/1")]
    [InlineData("/BackOffice/Plans")]
    [InlineData("/BackOffice/Plans/Details/1")]
    public async Task A_customer_contact_cannot_open_the_back_office(string path)
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Staff_without_a_customer_account_cannot_open_the_portal()
    {
        var client = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var response = await client.GetAsync("/Portal");
        Assert.StartsWith("/Identity/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_front_door_sends_each_role_to_its_home()
    {
        Assert.Equal("/Portal", (await (await factory.SignedInAs(DemoAccounts.Customer.Email)).GetAsync("/")).Headers.Location!.OriginalString);
        Assert.Equal("/BackOffice", (await (await factory.SignedInAs(DemoAccounts.Manager.Email)).GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task There_is_no_self_registration()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client().GetAsync("/Identity/Account/Register")).StatusCode);
    }

    [Theory]
    [InlineData("/Identity/Account/Manage/Email")]
    [InlineData("/Identity/Account/Manage/DeletePersonalData")]
    [InlineData("/Identity/Account/Manage/PersonalData")]
    [InlineData("/Identity/Account/Manage/DownloadPersonalData")]
    [InlineData("/Identity/Account/ConfirmEmailChange?userId=x&email=y&code=z")]
    public async Task Staff_cannot_rename_or_delete_their_own_account_through_identity_pages(string path)
    {
        // The sign-in name tells a proposer from an approver, and the last Admin must not delete themselves.
        var manager = await factory.SignedInAs(DemoAccounts.Manager.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(path)).StatusCode);
        var form = new FormUrlEncodedContent([new("__RequestVerificationToken", await manager.AntiforgeryToken("/BackOffice"))]);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsync(path, form)).StatusCode);
        Assert.True(await factory.WithDb(db => db.Users.AnyAsync(u => u.Email == DemoAccounts.Manager.Email)));
    }

    [Fact]
    public async Task Demo_sign_ins_are_not_shown_outside_development()
    {
        var html = await factory.Client().GetStringAsync("/Identity/Account/Login");
        Assert.DoesNotContain(DemoAccounts.Specialist.Email, html);
    }

    [Fact]
    public async Task Wrong_passwords_are_refused_without_locking_the_account_so_a_stranger_cannot_lock_its_owner_out()
    {
        var client = factory.Client();
        var email = DemoAccounts.CustomerColleague.Email;
        for (var i = 0; i < 6; i++)
        {
            var failed = await client.SignIn(email, "wrong-password-123");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("The email or password is not right.", await failed.Content.ReadAsStringAsync());
        }
        // Guessing is bounded by the sign-in rate limits (Security/RateLimitTests), not by locking the owner out.
        var account = await factory.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => new { u.AccessFailedCount, u.LockoutEnd }).SingleAsync());
        Assert.Equal((0, (DateTimeOffset?)null), (account.AccessFailedCount, account.LockoutEnd));
        var right = await client.SignIn(email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }
}

public class StaffTwoFactorTests(TwoFactorRequiredFactory factory) : IClassFixture<TwoFactorRequiredFactory>
{
    [Fact]
    public async Task Outside_development_staff_must_set_up_two_factor_before_using_the_back_office()
    {
        var client = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var response = await client.GetAsync("/BackOffice");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", response.Headers.Location!.OriginalString);
        var setup = await client.GetAsync("/Identity/Account/Manage/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("authenticator", await setup.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Customers_are_not_forced_to_set_up_two_factor()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Portal")).StatusCode);
    }
}

public class DevelopmentLoginTests(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task In_development_the_sign_in_page_lists_every_demo_sign_in_and_they_work()
    {
        var html = await factory.Client().GetStringAsync("/Identity/Account/Login");
        Assert.All(DemoAccounts.All, account => Assert.Contains(account.Email, html));
        Assert.Contains(DemoAccounts.Password, html);
        foreach (var account in DemoAccounts.All)
        {
            var response = await factory.Client().SignIn(account.Email, DemoAccounts.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }
}

public class HostFilteringTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task A_request_for_a_foreign_host_is_refused_so_emailed_links_cannot_point_elsewhere()
    {
        var client = factory.Client();
        var forged = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/ForgotPassword");
        forged.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Identity/Account/ForgotPassword")).StatusCode);
    }
}
