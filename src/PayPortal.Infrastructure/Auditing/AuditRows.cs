using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PayPortal.Infrastructure.Auditing;

/// <summary>Inserts audit events straight into their table, inside whatever transaction the database has open.</summary>
internal static class AuditRows
{
    public static async Task InsertAsync(DatabaseFacade database, IEnumerable<AuditEvent> events, CancellationToken ct)
    {
        // Many rows per statement (a bank import audits hundreds of thousands of changes), each value a
        // parameter made by the connection itself, so a missing value is a typed NULL.
        foreach (var batch in events.Chunk(100))
        {
            var values = new List<string>();
            var parameters = new List<object>();
            foreach (var e in batch)
            {
                var n = parameters.Count;
                values.Add($"(@p{n}, @p{n + 1}, @p{n + 2}, @p{n + 3}, @p{n + 4}, @p{n + 5}, @p{n + 6})");
                parameters.AddRange([Parameter(database, $"@p{n}", e.At), Parameter(database, $"@p{n + 1}", e.Actor), Parameter(database, $"@p{n + 2}", e.Action),
                    Parameter(database, $"@p{n + 3}", e.EntityType), Parameter(database, $"@p{n + 4}", e.EntityId), Parameter(database, $"@p{n + 5}", e.CustomerId),
                    Parameter(database, $"@p{n + 6}", e.Changes)]);
            }
#pragma warning disable EF1003 // only parameter placeholders are concatenated; every value is a parameter
            await database.ExecuteSqlRawAsync(
                "INSERT INTO \"AuditEvents\" (\"At\", \"Actor\", \"Action\", \"EntityType\", \"EntityId\", \"CustomerId\", \"Changes\") VALUES " + string.Join(", ", values),
                parameters, ct);
#pragma warning restore EF1003
        }
    }

    private static System.Data.Common.DbParameter Parameter(DatabaseFacade database, string name, object? value)
    {
        var parameter = database.GetDbConnection().CreateCommand().CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
