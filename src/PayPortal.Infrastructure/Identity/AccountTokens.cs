using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace PayPortal.Infrastructure.Identity;

/// <summary>
/// The two emailed account links and how long each stays valid: a password reset 2 hours, an invitation 3 days.
/// Registered for the web app and the CLI alike, so a link either writes is checked the same way.
/// </summary>
public static class AccountTokens
{
    public const string PasswordResetProvider = "PayPortalPasswordReset";
    public const string InvitationProvider = "PayPortalInvitation";
    public const string InvitationPurpose = "AcceptInvitation";
    public static readonly TimeSpan PasswordResetLifespan = TimeSpan.FromHours(2);
    public static readonly TimeSpan InvitationLifespan = TimeSpan.FromDays(3);

    public static IdentityBuilder AddPayPortalAccountTokens(this IdentityBuilder builder)
    {
        builder.AddTokenProvider<PasswordResetTokenProvider>(PasswordResetProvider);
        builder.AddTokenProvider<InvitationTokenProvider>(InvitationProvider);
        builder.Services.Configure<IdentityOptions>(o => o.Tokens.PasswordResetTokenProvider = PasswordResetProvider);
        return builder;
    }

    /// <summary>A token for the invitation link; only <see cref="AcceptInvitationAsync"/> takes it (a reset link does not).</summary>
    public static Task<string> GenerateInvitationTokenAsync(this UserManager<AppUser> users, AppUser user) =>
        users.GenerateUserTokenAsync(user, InvitationProvider, InvitationPurpose);

    /// <summary>Sets the first password of an invited account that has none, if the token is valid and unexpired.</summary>
    public static async Task<IdentityResult> AcceptInvitationAsync(this UserManager<AppUser> users, AppUser user, string token, string password)
    {
        if (await users.HasPasswordAsync(user) || !await users.VerifyUserTokenAsync(user, InvitationProvider, InvitationPurpose, token))
            return IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "This invitation link has expired or was already used." });
        return await users.AddPasswordAsync(user, password);
    }
}
