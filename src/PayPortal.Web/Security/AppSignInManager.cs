using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Web.Security;

/// <summary>
/// Identity's sign-in with two rules of ours: a disabled account cannot sign in (nor keep a session past its next
/// stamp check), and every completed sign-in (password, two-factor code, recovery code, invitation link) is the
/// account's last sign-in.
/// </summary>
public sealed class AppSignInManager(UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, TimeProvider clock)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { DisabledAt: null } user ? user : null;

    public override async Task<SignInResult> PasswordSignInAsync(AppUser user, string password, bool isPersistent, bool lockoutOnFailure) =>
        await RecordAsync(user, await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure));

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        // Identity checks CanSignInAsync at the password step only (and not at all for recovery codes): an account
        // disabled in between must not finish signing in.
        if (user is null || !await CanSignInAsync(user)) return SignInResult.NotAllowed;
        return await RecordAsync(user, await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient));
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        // Identity checks CanSignInAsync at the password step only (and not at all for recovery codes): an account
        // disabled in between must not finish signing in.
        if (user is null || !await CanSignInAsync(user)) return SignInResult.NotAllowed;
        return await RecordAsync(user, await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode));
    }

    public override async Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        // Identity checks CanSignInAsync at the password step only (and not at all for recovery codes): an account
        // disabled in between must not finish signing in.
        if (user is null || !await CanSignInAsync(user)) return SignInResult.NotAllowed;
        return await RecordAsync(user, await base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient));
    }

    public override async Task SignInAsync(AppUser user, AuthenticationProperties authenticationProperties, string? authenticationMethod = null)
    {
        await base.SignInAsync(user, authenticationProperties, authenticationMethod);
        await RecordAsync(user, SignInResult.Success);
    }

    private async Task<SignInResult> RecordAsync(AppUser? user, SignInResult result)
    {
        if (result.Succeeded && user is not null)
        {
            user.LastSignInAt = clock.GetUtcNow().UtcDateTime;
            await UserManager.UpdateAsync(user);
        }
        return result;
    }
}
