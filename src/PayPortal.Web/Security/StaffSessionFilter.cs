using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Web.Security;

/// <summary>
/// A back-office session ends at its next request when an Admin disabled the account or changed its role, instead of
/// lasting (with the old role in its cookie) until Identity's periodic security-stamp check.
/// </summary>
public sealed class StaffSessionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.HttpContext.User;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.DisabledAt is not null || !SameRoles(principal, await users.GetRolesAsync(user)))
        {
            await services.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
            context.Result = new RedirectToPageResult("/Account/Login", new { area = "Identity" });
            return;
        }
        await next();
    }

    private static bool SameRoles(ClaimsPrincipal principal, IList<string> roles) =>
        Roles.All.All(role => principal.IsInRole(role) == roles.Contains(role));
}
