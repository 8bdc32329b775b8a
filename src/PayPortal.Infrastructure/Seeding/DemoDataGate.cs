using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PayPortal.Infrastructure.Seeding;

/// <summary>
/// The demo sign-ins share a password printed in the README, so demo data goes only into a Development database,
/// or wherever <c>PayPortal:AllowDemoDataOutsideDevelopment=true</c> is set on purpose (the test hosts).
/// </summary>
public sealed class DemoDataGate(IHostEnvironment environment, IConfiguration configuration)
{
    public const string OverrideSetting = "PayPortal:AllowDemoDataOutsideDevelopment";

    public const string Refusal =
        "Demo data is only seeded in Development: its sign-ins share a published password. " +
        "To create the first Admin, run: payportal user add EMAIL --role Admin (it emails a set-password link, " +
        "prompts for a password on a terminal, or reads one with --password-stdin).";

    public bool Allowed => environment.IsDevelopment() || configuration.GetValue<bool>(OverrideSetting);
}
