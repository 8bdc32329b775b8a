using Microsoft.EntityFrameworkCore;

namespace PayPortal.Infrastructure.Data;

public static class DatabaseSetup
{
    /// <summary>Applies pending migrations and puts SQLite in WAL mode (readers never wait for the writer).</summary>
    public static async Task MigrateAsync(PayPortalDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // journal_mode=WAL is stored in the file: set once, every later connection uses it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    public static async Task<bool> IsEmptyAsync(PayPortalDbContext db, CancellationToken ct = default) =>
        !await db.Customers.AnyAsync(ct) && !await db.Users.AnyAsync(ct);
}
