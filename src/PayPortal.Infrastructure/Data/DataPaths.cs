using Microsoft.Data.Sqlite;

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

    /// <summary>A SQLite connection string for a file, made absolute so the working directory never matters.</summary>
    public static string SqliteConnectionString(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30, Pooling = true }.ToString();
    }
}
