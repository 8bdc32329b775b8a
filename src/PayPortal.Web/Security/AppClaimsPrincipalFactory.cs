using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Web.Security;

/// <summary>Puts the contact's customer account in the sign-in cookie, so portal queries are scoped without a lookup.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CustomerId is { } customerId) identity.AddClaim(new Claim(PayPortalClaims.CustomerId, customerId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(PayPortalClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
