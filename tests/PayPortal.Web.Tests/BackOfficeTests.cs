using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PayPortal.Domain;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

public partial class BackOfficeTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task The_home_page_shows_total_ar_and_every_aging_bucket_adding_up_to_the_open_invoices()
    {
        var client = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/BackOffice"));
        var totalUsd = await factory.WithDb(db => db.Invoices.Where(i => i.CurrencyCode == "USD").SumAsync(i => i.OpenMinor));

        Assert.Contains($"id=\"total-ar-USD\">{new Money(totalUsd, Currency.USD)}<", html);

        // Each bucket's amount, computed here independently with the domain's bucket rule.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var open = await factory.WithDb(db => db.Invoices.Where(i => i.CurrencyCode == "USD" && i.OpenMinor != 0).Select(i => new { i.DueDate, i.OpenMinor }).ToListAsync());
        var expected = new PayPortal.Domain.Aging.AgingSummary(PayPortal.Domain.Aging.AgingBuckets.Standard, Currency.USD);
        foreach (var invoice in open) expected.Add(invoice.DueDate, today, invoice.OpenMinor);
        var labels = new[] { "Current (not yet due)", "1-30 days", "31-60 days", "61-90 days", "91-120 days", "120+ days" };
        var usdTable = html[html.IndexOf("id=\"aging-USD\"", StringComparison.Ordinal)..];
        for (var b = 0; b < labels.Length; b++)
        {
            var row = Regex.Match(usdTable, $@"<th scope=""row"">{Regex.Escape(labels[b])}</th>\s*<td class=""num"">[^<]*</td>\s*<td class=""num"">([^<]*)</td>");
            Assert.True(row.Success, $"no row for {labels[b]}");
            Assert.Equal(expected[b].ToString(), row.Groups[1].Value);
        }
        Assert.Equal(totalUsd, expected.Total.Minor);
        Assert.Contains("id=\"aging-CAD\"", html); // one demo customer is billed in CAD: never added to USD
    }

    [Fact]
    public async Task Customer_search_answers_htmx_with_only_the_table()
    {
        var client = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var request = new HttpRequestMessage(HttpMethod.Get, "/BackOffice/Customers?q=Acme");
        request.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(request);
        var fragment = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div id=\"customer-table\"", fragment);
        Assert.Contains("<p id=\"customer-count\" hx-swap-oob=\"innerHTML\">1 customer(s) matching \"Acme\".</p>", WebUtility.HtmlDecode(fragment));
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains("Acme Fabrication", fragment);
        Assert.DoesNotContain("Brightline", fragment);
        Assert.Contains("HX-Request", response.Headers.Vary);

        var page = await client.GetStringAsync("/BackOffice/Customers?q=Acme");
        Assert.Contains("<html", page);
    }

    [Fact]
    public async Task Wildcards_typed_into_the_search_match_only_themselves()
    {
        var client = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Contains("0 customer(s) matching", WebUtility.HtmlDecode(await client.GetStringAsync("/BackOffice/Customers?q=%25")));
        Assert.Contains("0 customer(s) matching", WebUtility.HtmlDecode(await client.GetStringAsync("/BackOffice/Customers?q=A_me")));
    }

    [Fact]
    public async Task An_unknown_customer_is_404()
    {
        var client = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/BackOffice/Customers/Details/987654")).StatusCode);
    }

    [GeneratedRegex(@"https?://[^\s""<]+/Identity/Account/AcceptInvitation\?[^\s""<]+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task A_specialist_invites_a_contact_who_sets_a_password_and_sees_only_that_account()
    {
        var customerId = await factory.WithDb(db => db.Customers.Where(c => c.Number == "C1003").Select(c => c.Id).SingleAsync());
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var url = $"/BackOffice/Customers/Details/{customerId}";
        var invited = await specialist.PostForm($"{url}?handler=Invite", new Dictionary<string, string>
        {
            ["Invite.Name"] = "Dana Payables", ["Invite.Email"] = "dana@cobaltdental.example", ["Invite.AccountAdmin"] = "true",
        }, tokenFrom: url);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Contains("Invitation sent to dana@cobaltdental.example", await specialist.GetStringAsync(url));

        var mail = Directory.GetFiles(factory.MailFolder, "*.eml").Select(f => MimeMessage.Load(f)).Single(m => m.To.Mailboxes.Any(a => a.Address == "dana@cobaltdental.example"));
        Assert.Contains("Cobalt Dental Group", mail.Subject + mail.TextBody);
        var link = InvitationLink().Match(mail.TextBody ?? "").Value;
        Assert.NotEmpty(link);

        var contact = factory.Client();
        var acceptPath = new Uri(link).PathAndQuery;
        var accepted = await contact.PostForm(acceptPath, await AcceptFields(contact, acceptPath, "a-new-Password-1"), tokenFrom: acceptPath);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/Portal", accepted.Headers.Location!.OriginalString);
        var home = await contact.GetStringAsync("/Portal");
        Assert.Contains("Cobalt Dental Group", home);

        // The link is single-use; the audit trail names who invited whom.
        var reuse = await contact.GetStringAsync(acceptPath);
        Assert.Contains("This invitation link is not valid", reuse);
        var audit = await factory.WithDb(db => db.AuditEvents.SingleAsync(a => a.Action == "customer.invite-contact" && a.CustomerId == customerId));
        Assert.Equal(DemoAccounts.Specialist.Email, audit.Actor);
        Assert.Contains("dana@cobaltdental.example", audit.Changes);
    }

    [Fact]
    public async Task Inviting_a_bad_or_taken_email_is_refused_and_creates_no_account()
    {
        var customerId = await factory.WithDb(db => db.Customers.Where(c => c.Number == "C1004").Select(c => c.Id).SingleAsync());
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var url = $"/BackOffice/Customers/Details/{customerId}";
        var usersBefore = await factory.WithDb(db => db.Users.CountAsync());

        var bad = await specialist.PostForm($"{url}?handler=Invite", new Dictionary<string, string> { ["Invite.Name"] = "X", ["Invite.Email"] = "not an email" }, tokenFrom: url);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("not a valid e-mail address", badHtml);
        // The error is tied to its field for screen readers.
        Assert.Matches("<input[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"Invite_Email-error\"", badHtml);
        Assert.Contains("id=\"Invite_Email-error\"", badHtml);

        var taken = await specialist.PostForm($"{url}?handler=Invite", new Dictionary<string, string> { ["Invite.Name"] = "X", ["Invite.Email"] = DemoAccounts.Customer.Email }, tokenFrom: url);
        Assert.Contains("already belongs to another account", await taken.Content.ReadAsStringAsync());
        Assert.Equal(usersBefore, await factory.WithDb(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_forged_invitation_link_does_not_set_a_password()
    {
        var client = factory.Client();
        var page = await client.GetStringAsync("/Identity/Account/AcceptInvitation?userId=nobody&code=abc");
        Assert.Contains("This invitation link is not valid", page);
    }

    private static async Task<Dictionary<string, string>> AcceptFields(HttpClient client, string path, string password)
    {
        var html = await client.GetStringAsync(path);
        string Hidden(string name) => WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);
        return new Dictionary<string, string>
        {
            ["Input.UserId"] = Hidden("Input.UserId"), ["Input.Code"] = Hidden("Input.Code"), ["Input.Email"] = Hidden("Input.Email"),
            ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        };
    }
}
