using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PayPortal.Infrastructure.Auditing;

namespace PayPortal.Infrastructure.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PayPortalDbContext>
{
    public PayPortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PayPortalDbContext>()
            .UseSqlite(DataPaths.SqliteConnectionString(Path.Combine(Path.GetTempPath(), "payportal-design.db")))
            .Options;
        return new PayPortalDbContext(options, new FixedActor("design-time"), new AuditContext(), TimeProvider.System);
    }
}
