using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Our sign-in page (replacing Identity UI's): failed passwords are rate-limited rather than locking the account, two-factor users
/// continue to the code page, and in Development the demo sign-ins are listed.
/// </summary>
[AllowAnonymous]
public class LoginModel(SignInManager<AppUser> signInManager, IWebHostEnvironment environment, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public string? ReturnUrl { get; private set; }
    public IReadOnlyList<DemoAccounts.Account> DemoAccounts { get; private set; } = [];
    public string DemoPassword => Infrastructure.Seeding.DemoAccounts.Password;

    public sealed class InputModel
    {
        [Required, EmailAddress, Display(Name = "Email")] public string Email { get; set; } = "";
        [Required, DataType(DataType.Password), Display(Name = "Password")] public string Password { get; set; } = "";
        [Display(Name = "Keep me signed in")] public bool RememberMe { get; set; }
    }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        // Start clean: a stale external cookie would confuse the sign-in.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        ReturnUrl = returnUrl;
        ShowDemoAccounts();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");
        ShowDemoAccounts();
        if (!ModelState.IsValid) return Page();

        // Wrong passwords do not lock the account: anyone who knows a staff email could otherwise lock it at will. Guessing
        // is bounded by the rate limits instead (RateLimits:SignIn per address, RateLimits:SignInPerAccount per email),
        // which lift by themselves. A wrong two-factor code (which needs the password first) still counts towards lockout.
        var result = await signInManager.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            logger.LogInformation("A user signed in with a password.");
            return LocalRedirect(returnUrl);
        }
        if (result.RequiresTwoFactor) return RedirectToPage("./LoginWith2fa", new { ReturnUrl = returnUrl, Input.RememberMe });
        if (result.IsLockedOut)
        {
            logger.LogWarning("A sign-in was refused: the account is locked out.");
            ModelState.AddModelError(string.Empty, "This account is locked after too many failed sign-ins. Try again in 15 minutes or reset your password.");
            return Page();
        }
        ModelState.AddModelError(string.Empty, "The email or password is not right.");
        return Page();
    }

    private void ShowDemoAccounts()
    {
        if (environment.IsDevelopment()) DemoAccounts = Infrastructure.Seeding.DemoAccounts.All;
    }
}
