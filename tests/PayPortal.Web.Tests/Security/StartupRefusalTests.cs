using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Adapters.Email;

namespace PayPortal.Web.Tests.Security;

/// <summary>Production sends mail over SMTP; links never silently land in a pickup folder.</summary>
public class StartupRefusalTests
{
    private static async Task<string?> StartupRefusal(string environment, params (string Key, string Value)[] settings)
    {
        await using var factory = new SecurityFactory(environment, [("Stripe:SandboxEnabled", "true"), .. settings]);
        try
        {
            _ = factory.Server;
            _ = factory.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
            return null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            return ex is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(e => e.Message)) : ex.Message;
        }
    }

    [Fact]
    public async Task Production_without_an_smtp_host_or_a_chosen_pickup_folder_refuses_to_start()
    {
        var refusal = await StartupRefusal("Production", ("Smtp:PickupDirectory", ""));
        Assert.NotNull(refusal);
        Assert.Contains("Smtp:Host", refusal);
        Assert.Contains("Smtp:PickupDirectory", refusal);
    }

    [Theory]
    [InlineData("Production", "Smtp:Host", "smtp.example.test")]
    [InlineData("Production", "Smtp:PickupDirectory", "/tmp/payportal-tests/chosen-pickup")]
    [InlineData("Testing", "Smtp:PickupDirectory", "")]
    public async Task A_host_or_an_explicit_pickup_folder_or_another_environment_starts(string environment, string key, string value)
    {
        var settings = key == "Smtp:Host" ? new[] { (key, value), ("Smtp:PickupDirectory", "") } : new[] { (key, value) };
        Assert.Null(await StartupRefusal(environment, settings));
    }

    [Fact]
    public async Task A_data_protection_certificate_that_does_not_exist_stops_start_up_naming_the_setting()
    {
        var refusal = await StartupRefusal("Testing", ("DataProtection:CertificatePath", "/no/such/keys.pfx"));
        Assert.NotNull(refusal);
        Assert.Contains("DataProtection:CertificatePath", refusal);
    }
}
