using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure.Links;

namespace PayPortal.Web.Tests;

/// <summary>The links written into emails, PDFs and Stripe redirects are the web app's own routes, under PayPortal:PublicUrl.</summary>
public class PortalUrlsTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private const string PublicUrl = "http://localhost:5080";

    private string Route(string page, object values) =>
        PublicUrl + factory.Services.GetRequiredService<LinkGenerator>().GetPathByPage(page, handler: null, values)!;

    [Fact]
    public void Every_link_is_the_route_of_the_page_it_names()
    {
        var urls = factory.Services.GetRequiredService<IPortalUrls>();

        Assert.Equal(Route("/Invoices/Details", new { area = "Portal", id = 7 }), urls.Invoice(7));
        Assert.Equal(Route("/Pay/Index", new { area = "Portal" }) + "?invoice=7&invoice=8", urls.Pay([7, 8]));
        Assert.Equal(Route("/Statement/Index", new { area = "Portal" }), urls.Statement());
        Assert.Equal(Route("/Disputes/Details", new { area = "Portal", id = 7 }), urls.Dispute(7));
        Assert.Equal(Route("/Plans/Details", new { area = "Portal", id = 7 }), urls.Plan(7));
        Assert.Equal(Route("/Disputes/Details", new { area = "BackOffice", id = 7 }), urls.BackOfficeDispute(7));
        Assert.Equal(Route("/Plans/Details", new { area = "BackOffice", id = 7 }), urls.BackOfficePlan(7));
        Assert.Equal(Route("/Pay/Return", new { area = "Portal", payment = 7 }) + "&session_id={CHECKOUT_SESSION_ID}", urls.CheckoutReturn(7));
        Assert.Equal(Route("/Pay/Return", new { area = "Portal", payment = 7, cancelled = true }), urls.CheckoutCancelled(7));
    }
}
