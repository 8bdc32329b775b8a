using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PayPortal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace PayPortal.E2E.Portal;

[Collection(PortalCollection.Name)]
public class PaymentPlanTests(PortalServer server)
{
    [Fact]
    public async Task A_plan_beyond_the_limits_gets_a_counter_offer_the_customer_accepts_and_pays_the_first_installment()
    {
        var customer = await server.NewPageAsync();
        await customer.SignInAsync(DemoAccounts.CustomerColleague.Email, DemoAccounts.Password);
        await customer.GetByRole(AriaRole.Link, new() { Name = "Plans", Exact = true }).ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Request a payment plan" }).Or(customer.GetByRole(AriaRole.Link, new() { Name = "Request a payment plan" })).First.ClickAsync();
        await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Request a payment plan" })).ToBeVisibleAsync();
        var boxes = customer.Locator("fieldset").First.GetByRole(AriaRole.Checkbox);
        if (await customer.Locator("fieldset").First.Locator("input:checked").CountAsync() == 0) await boxes.First.CheckAsync();
        await customer.GetByLabel("Number of installments").FillAsync("12");
        await customer.GetByLabel("Number of installments").BlurAsync();
        await Expect(customer.Locator("#plan-decision")).ToContainTextAsync("A specialist will review this plan");
        await Expect(customer.Locator("#plan-schedule tbody tr")).ToHaveCountAsync(12);
        await customer.AssertAccessibleAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Expect(customer.Locator("#status-message")).ToContainTextAsync("a specialist will review it");
        await Expect(customer.Locator("#plan-status")).ToHaveTextAsync("Waiting for review");
        var planUrl = customer.Url;

        var office = await server.NewPageAsync();
        await office.SignInAsync(DemoAccounts.Specialist.Email, DemoAccounts.Password);
        await office.GotoAsync("/BackOffice/Plans");
        await office.AssertAccessibleAsync();
        await office.Locator("#plan-queue tbody tr").Filter(new() { HasText = "Acme Fabrication" }).Last.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(office.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Payment plan #\\d+: Acme Fabrication") })).ToBeVisibleAsync();
        await office.AssertAccessibleAsync();
        await office.GetByLabel("Number of installments").FillAsync("4");
        await office.GetByLabel("First installment on").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await office.GetByLabel("Note to the customer (optional)").FillAsync("Four monthly installments is what we can offer.");
        await office.GetByRole(AriaRole.Button, new() { Name = "Send counter-offer" }).ClickAsync();
        await Expect(office.Locator("#status-message")).ToContainTextAsync("Counter-offer sent");

        await customer.GotoAsync(planUrl);
        await Expect(customer.Locator("#counter-offer")).ToContainTextAsync("Four monthly installments is what we can offer.");
        await Expect(customer.Locator("#plan-schedule tbody tr")).ToHaveCountAsync(4);
        await customer.AssertAccessibleAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Accept counter-offer" }).ClickAsync();
        await Expect(customer.Locator("#plan-status")).ToHaveTextAsync("Active");
        var firstInstallment = await customer.Locator("#next-due").InnerTextAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Pay installment 1 now" }).ClickAsync();

        await Expect(customer.GetByText("TEST MODE")).ToBeVisibleAsync();
        await customer.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await customer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Pay ") }).First.ClickAsync();
        await Expect(customer.Locator("#payment-status")).ToContainTextAsync("your payment went through");
        Assert.Contains(firstInstallment, await customer.Locator("h1").InnerTextAsync());

        await customer.GotoAsync(planUrl);
        await Expect(customer.GetByRole(AriaRole.Button, new() { Name = "Pay installment 2 now" })).ToBeVisibleAsync();
        await Expect(customer.Locator("#plan-schedule tbody tr").First).ToContainTextAsync("Paid");
        await customer.AssertAccessibleAsync();
    }
}
