using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Web.Security;

/// <summary>
/// Back-office users can move and destroy money, so outside Development they must have two-factor
/// sign-in set up before they see any back-office page: until then every request goes to the setup page.
/// </summary>
public sealed class RequireStaffTwoFactorFilter : IAsyncPageFilter
{
    public const string SetupPath = "/Identity/Account/Manage/EnableAuthenticator";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        if (services.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireTwoFactorForStaff == true)
        {
            var user = await services.GetRequiredService<UserManager<AppUser>>().GetUserAsync(context.HttpContext.User);
            if (user is null || !user.TwoFactorEnabled)
            {
                context.Result = new RedirectResult(SetupPath);
                return;
            }
        }
        await next();
    }
}
