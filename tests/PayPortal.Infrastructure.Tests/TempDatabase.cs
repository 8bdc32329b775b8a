using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Tests;

/// <summary>A real, migrated SQLite file of its own per test, deleted afterwards.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TempDatabase(string folder)
    {
        Folder = folder;
        Path = System.IO.Path.Combine(folder, "test.db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IActor>(new FixedActor("test"));
        services.AddPayPortalData(DataPaths.SqliteConnectionString(Path));
        services.AddPayPortalIdentityCore();
        _provider = services.BuildServiceProvider();
    }

    public string Folder { get; }
    public string Path { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "payportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TempDatabase(folder);
        await using var scope = database.Scope();
        await DatabaseSetup.MigrateAsync(scope.Db);
        return database;
    }

    public TestScope Scope() => new(_provider.CreateAsyncScope());

    /// <summary>Runs SQL straight on the file, bypassing the application (to tamper or to inspect).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(DataPaths.SqliteConnectionString(Path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class TestScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public PayPortalDbContext Db => Get<PayPortalDbContext>();
    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
