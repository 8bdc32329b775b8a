using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Startup;

/// <summary>On start: migrate; on an empty database with demo data enabled (Development only), seed the demo company.</summary>
public static class FirstRun
{
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayPortalDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("PayPortal.FirstRun");
        await DatabaseSetup.MigrateAsync(db);
        logger.LogInformation("Database ready: {DataSource}", db.Database.GetDbConnection().DataSource);

        if (!app.Configuration.GetValue<bool>("PayPortal:SeedDemoData") || !await DatabaseSetup.IsEmptyAsync(db)) return;
        if (!scope.ServiceProvider.GetRequiredService<DemoDataGate>().Allowed)
        {
            logger.LogWarning("PayPortal:SeedDemoData is set, but no demo data was seeded. {Refusal}", DemoDataGate.Refusal);
            return;
        }
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        logger.LogInformation("Seeded demo data: {Customers} customers, {Invoices} invoices.", result.Customers, result.Invoices);
        logger.LogWarning("Demo sign-ins (password {Password}): {Accounts}", DemoAccounts.Password,
            string.Join(", ", DemoAccounts.All.Select(a => $"{a.Role} {a.Email}")));
    }
}
