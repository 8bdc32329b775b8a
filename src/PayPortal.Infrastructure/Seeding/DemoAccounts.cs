namespace PayPortal.Infrastructure.Seeding;

/// <summary>The sign-ins the demo data creates. Shown on the login page in Development only.</summary>
public static class DemoAccounts
{
    public const string Password = "Demo-Pass-2026";

    public sealed record Account(string Email, string Name, string Role, string Description);

    public static readonly Account Customer = new("customer@demo.payportal.test", "Jordan Lee", Identity.Roles.Customer, "Customer contact at Acme Fabrication (account admin)");
    public static readonly Account CustomerColleague = new("ap.clerk@demo.payportal.test", "Sam Patel", Identity.Roles.Customer, "Second contact at Acme Fabrication");
    public static readonly Account OtherCustomer = new("billing@brightline.demo.payportal.test", "Riley Chen", Identity.Roles.Customer, "Customer contact at Brightline Logistics");
    public static readonly Account Specialist = new("specialist@demo.payportal.test", "Alex Rivera", Identity.Roles.Specialist, "AR specialist");
    public static readonly Account Manager = new("manager@demo.payportal.test", "Morgan Blake", Identity.Roles.Manager, "AR manager");
    public static readonly Account Admin = new("admin@demo.payportal.test", "Casey Admin", Identity.Roles.Admin, "Administrator");

    public static readonly IReadOnlyList<Account> All = [Customer, CustomerColleague, OtherCustomer, Specialist, Manager, Admin];
}
