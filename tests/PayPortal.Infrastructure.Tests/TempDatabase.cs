using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Tests;

/// <summary>A real, migrated SQLite file of its own per test, deleted afterwards.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TempDatabase(string folder, IReadOnlyDictionary<string, string?> settings)
    {
        Folder = folder;
        Path = System.IO.Path.Combine(folder, "test.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
            .AddInMemoryCollection([new("ConnectionStrings:PayPortal", DataPaths.SqliteConnectionString(Path)), new("PayPortal:KeysDirectory", System.IO.Path.Combine(folder, "keys"))])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<ScopeActor>();
        services.AddScoped<IActor>(sp => sp.GetRequiredService<ScopeActor>());
        services.AddPayPortal(configuration, new TestEnvironment(folder));
        services.AddPayPortalIdentityCore(configuration);
        _provider = services.BuildServiceProvider();
    }

    public string Folder { get; }
    public string Path { get; }

    /// <param name="settings">Configuration as the hosts read it (e.g. "Company:Name"), on top of the defaults.</param>
    public static async Task<TempDatabase> CreateAsync(Dictionary<string, string?>? settings = null)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "payportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TempDatabase(folder, settings ?? []);
        await using var scope = database.Scope();
        await DatabaseSetup.MigrateAsync(scope.Db);
        return database;
    }

    public TestScope Scope() => new(_provider.CreateAsyncScope());

    /// <summary>Fails naming the problems unless every stored balance equals the AR ledger (as `payportal check ledger`).</summary>
    public async Task AssertLedgerConsistentAsync()
    {
        await using var scope = Scope();
        var check = await scope.Get<Ledger.LedgerConsistencyCheck>().RunAsync();
        Assert.True(check.IsConsistent, string.Join("\n", check.Problems));
    }

    /// <summary>A unit of work done by <paramref name="actor"/> (the audit trail's and the four-eyes rule's "who"); plain scopes act as "test".</summary>
    public TestScope Scope(string actor)
    {
        var scope = Scope();
        scope.Get<ScopeActor>().Name = actor;
        return scope;
    }

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

/// <summary>The environment the infrastructure tests run in: "Testing", as the web tests.</summary>
public sealed class TestEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";
    public string ApplicationName { get; set; } = "PayPortal.Infrastructure.Tests";
    public string ContentRootPath { get; set; } = contentRoot;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}

public sealed class ScopeActor : IActor
{
    public string Name { get; set; } = "test";
}

public sealed class TestScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public PayPortalDbContext Db => Get<PayPortalDbContext>();
    public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
