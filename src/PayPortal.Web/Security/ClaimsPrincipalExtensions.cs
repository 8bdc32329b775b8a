using System.Globalization;
using System.Security.Claims;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Web.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in contact's customer account. Portal pages are authorized only with it.</summary>
    public static long CustomerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(PayPortalClaims.CustomerId) is { } value
            ? long.Parse(value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The signed-in user is not a customer contact.");

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PayPortalClaims.DisplayName) is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    /// <summary>The signed-in user's id (Identity's name identifier).</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    public static bool IsStaff(this ClaimsPrincipal user) => Roles.BackOffice.Any(user.IsInRole);
}
