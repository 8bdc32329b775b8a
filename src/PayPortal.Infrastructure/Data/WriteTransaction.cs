using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PayPortal.Infrastructure.Data;

/// <summary>
/// A transaction that takes the database's write lock before it reads (SQLite: BEGIN IMMEDIATE), so a
/// check-then-insert ("is this invoice already in a plan?") cannot interleave with another request doing
/// the same: the second waits, then sees the first's row.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly PayPortalDbContext _db;
    private readonly DbTransaction _transaction;

    private WriteTransaction(PayPortalDbContext db, DbTransaction transaction)
    {
        _db = db;
        _transaction = transaction;
    }

    public static async Task<WriteTransaction> BeginAsync(PayPortalDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        await db.Database.UseTransactionAsync(transaction, ct);
        return new WriteTransaction(db, transaction);
    }

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _db.Database.UseTransactionAsync(null);
        await _transaction.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}
