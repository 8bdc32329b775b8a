using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

public class InvoicesIndexTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    [Fact]
    public async Task Filters_and_search_narrow_the_list_and_htmx_gets_only_the_table()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var mine = await factory.CustomerIdOf(DemoAccounts.Customer.Email);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var overdue = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == mine && i.OpenMinor > 0 && i.DueDate < today).Select(i => i.Number!).ToListAsync());
        var notDue = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == mine && i.OpenMinor > 0 && i.DueDate >= today).Select(i => i.Number!).ToListAsync());
        Assert.NotEmpty(overdue);
        Assert.NotEmpty(notDue);

        var request = new HttpRequestMessage(HttpMethod.Get, "/Portal/Invoices?Show=overdue");
        request.Headers.Add("HX-Request", "true");
        var fragment = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.StartsWith("<div id=\"invoice-table\">", fragment.Trim());
        Assert.All(overdue, n => Assert.Contains($">{n}</a>", fragment));
        Assert.All(notDue, n => Assert.DoesNotContain($">{n}</a>", fragment));

        var search = await client.GetStringAsync($"/Portal/Invoices?Show=all&Q={overdue[0]}");
        Assert.Contains("1 invoice(s).", search);
    }

    [Fact]
    public async Task The_running_total_adds_the_selected_open_amounts_and_a_foreign_invoice_is_404()
    {
        var client = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var mine = await factory.CustomerIdOf(DemoAccounts.Customer.Email);
        var other = await factory.CustomerIdOf(DemoAccounts.OtherCustomer.Email);
        var two = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == mine && i.OpenMinor > 0).OrderBy(i => i.Id).Take(2).Select(i => new { i.Id, i.OpenMinor }).ToListAsync());
        var theirs = await factory.WithDb(db => db.Invoices.Where(i => i.CustomerId == other && i.OpenMinor > 0).Select(i => i.Id).FirstAsync());
        var token = await client.AntiforgeryToken("/Portal/Invoices");

        HttpRequestMessage Summary(params long[] ids)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/Portal/Invoices?handler=Summary")
            {
                Content = new FormUrlEncodedContent(ids.Select(id => new KeyValuePair<string, string>("invoice", id.ToString()))),
            };
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("RequestVerificationToken", token);
            return request;
        }

        var response = await client.SendAsync(Summary(two[0].Id, two[1].Id));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<strong>2</strong> selected, <strong id=\"selected-total\">{new Money(two.Sum(i => i.OpenMinor), Currency.USD)}</strong> open.", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Summary(two[0].Id, theirs))).StatusCode);
    }
}
