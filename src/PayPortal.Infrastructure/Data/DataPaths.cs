using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace PayPortal.Infrastructure.Data;

/// <summary>
/// Where PayPortal keeps its data when nothing else is configured: the web app and the CLI agree on it,
/// so `payportal` works on the database the portal uses. Override with PAYPORTAL_DATA (a folder).
/// </summary>
public static class DataPaths
{
    public static string DefaultDataDirectory =>
        Environment.GetEnvironmentVariable("PAYPORTAL_DATA") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PayPortal");

    public static string DefaultDatabasePath => Path.Combine(DefaultDataDirectory, "payportal.db");

    /// <summary>
    /// The database both hosts open: <c>ConnectionStrings:PayPortal</c> when set, else the file at
    /// <c>PayPortal:DatabasePath</c>, else <see cref="DefaultDatabasePath"/>.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("PayPortal") is { Length: > 0 } connectionString ? connectionString
        : SqliteConnectionString(configuration["PayPortal:DatabasePath"] is { Length: > 0 } path ? path : DefaultDatabasePath);

    /// <summary>The file a SQLite connection string opens.</summary>
    public static string DatabaseFile(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    /// <summary>A SQLite connection string for a file, made absolute so the working directory never matters.</summary>
    public static string SqliteConnectionString(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30, Pooling = true }.ToString();
    }
}
