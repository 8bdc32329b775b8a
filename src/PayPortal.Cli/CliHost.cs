using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Cli;

/// <summary>
/// What the CLI runs with instead of a web host: its configuration and its environment. Settings are read in this
/// order, later ones winning: appsettings.json and appsettings.{Environment}.json beside the executable, the file of
/// --config, environment variables (<c>Company__Name</c>, or <c>PAYPORTAL_Company__Name</c> to set one for the CLI
/// alone), then --db. The environment is DOTNET_ENVIRONMENT, else ASPNETCORE_ENVIRONMENT, else Production.
/// </summary>
public static class CliHost
{
    public static IHostEnvironment Environment(string settingsDirectory) => new CliEnvironment
    {
        EnvironmentName = System.Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
            : System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspnet ? aspnet
            : Environments.Production,
        ContentRootPath = settingsDirectory,
        ContentRootFileProvider = new NullFileProvider(),
    };

    public static IConfigurationRoot Configuration(string settingsDirectory, IHostEnvironment environment, string? configFile, string? databasePath)
    {
        if (configFile is not null && !File.Exists(configFile)) throw new UsageException($"--config: no such file: {configFile}");
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(settingsDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(settingsDirectory, $"appsettings.{environment.EnvironmentName}.json"), optional: true);
        if (configFile is not null) builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        builder.AddEnvironmentVariables().AddEnvironmentVariables("PAYPORTAL_");
        // --db names the file outright, over any configured path or connection string.
        if (databasePath is not null)
            builder.AddInMemoryCollection([new("ConnectionStrings:PayPortal", DataPaths.SqliteConnectionString(databasePath))]);
        return builder.Build();
    }

    private sealed class CliEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "payportal";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
