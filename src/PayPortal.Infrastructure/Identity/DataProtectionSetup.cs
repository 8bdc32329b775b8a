using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Identity;

public static class DataProtectionSetup
{
    /// <summary>
    /// One key ring and application name for the web app and the CLI: a set-password link the CLI emails is a
    /// token the web app must be able to read.
    /// </summary>
    public static IServiceCollection AddPayPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection()
            .SetApplicationName("PayPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration["PayPortal:KeysDirectory"] is { Length: > 0 } keys ? keys : Path.Combine(DataPaths.DefaultDataDirectory, "keys")));
        // An invitation link stays valid for a few days, long enough to reach a busy AP clerk.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        return services;
    }
}
