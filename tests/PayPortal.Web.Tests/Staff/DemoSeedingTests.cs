using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Web.Tests.Operations;

namespace PayPortal.Web.Tests.Staff;

public class DemoSeedingTests
{
    [Fact]
    public async Task First_run_outside_development_seeds_no_demo_sign_ins_and_says_how_to_make_the_first_admin()
    {
        await using var factory = new OperationsFactory(settings: ("PayPortal:AllowDemoDataOutsideDevelopment", "false"));
        Assert.Equal(0, await factory.WithDb(db => db.Users.CountAsync()));
        Assert.Equal(0, await factory.WithDb(db => db.Customers.CountAsync()));
        Assert.Contains(factory.Logs.Entries, e => e.AllText.Contains("payportal user add EMAIL --role Admin"));
        var login = await factory.Client().GetStringAsync("/Identity/Account/Login");
        Assert.DoesNotContain("Demo-Pass-2026", login);
    }

    [Fact]
    public async Task First_run_in_development_still_seeds_the_demo_company()
    {
        await using var factory = new DevelopmentWithoutOverride();
        _ = factory.Client();
        Assert.True(await factory.WithDb(db => db.Users.AnyAsync(u => u.Email == DemoAccounts.Admin.Email)));
    }

    private sealed class DevelopmentWithoutOverride : PayPortalFactory
    {
        protected override string EnvironmentName => "Development";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(DemoDataGate.OverrideSetting, "false");
        }
    }
}
