using Microsoft.Extensions.DependencyInjection;

namespace PayPortal.Infrastructure.Adapters.Email;

public static class SmtpStartupRules
{
    /// <summary>
    /// Production sends mail over SMTP: without <c>Smtp:Host</c> password-reset and invitation links would end up as
    /// files in a folder nobody reads. Only an explicitly configured <c>Smtp:PickupDirectory</c> allows that on purpose.
    /// </summary>
    public static IServiceCollection RefuseMailPickupInProduction(this IServiceCollection services, bool isProduction)
    {
        services.AddOptions<SmtpOptions>()
            .Validate(o => !isProduction || !string.IsNullOrWhiteSpace(o.Host) || !string.IsNullOrWhiteSpace(o.PickupDirectory),
                "Smtp:Host is required in Production (mail, including password-reset and invitation links, would otherwise be written to a folder). " +
                "Set Smtp:Host, or set Smtp:PickupDirectory on purpose to keep writing .eml files.")
            .ValidateOnStart();
        return services;
    }
}
