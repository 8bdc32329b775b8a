using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Web.Areas.Identity.Pages.Account;

/// <summary>An invited contact or staff member follows the emailed link, chooses a password and is signed in.</summary>
[AllowAnonymous]
public class AcceptInvitationModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool LinkIsUsable { get; private set; } = true;

    public sealed class InputModel
    {
        [Required] public string UserId { get; set; } = "";
        [Required] public string Code { get; set; } = "";
        public string Email { get; set; } = "";
        [Required, StringLength(100, MinimumLength = 10), DataType(DataType.Password), Display(Name = "Password")]
        public string Password { get; set; } = "";
        [DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "The two passwords differ."), Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(code) || user.DisabledAt is not null || await users.HasPasswordAsync(user))
        {
            LinkIsUsable = false;
            return Page();
        }
        Input = new InputModel { UserId = user.Id, Code = code, Email = user.Email ?? "" };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByIdAsync(Input.UserId);
        if (user is null || user.DisabledAt is not null || await users.HasPasswordAsync(user))
        {
            LinkIsUsable = false;
            return Page();
        }
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Input.Code));
        }
        catch (FormatException)
        {
            LinkIsUsable = false;
            return Page();
        }
        var result = await users.AcceptInvitationAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(string.Empty, error.Code == "InvalidToken" ? "This invitation link has expired or was already used. Ask for a new one." : error.Description);
            return Page();
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        // Staff go on to the back office, which asks them to set up two-factor sign-in first (outside Development).
        return user.CustomerId is null ? RedirectToPage("/Index", new { area = "BackOffice" }) : RedirectToPage("/Index", new { area = "Portal" });
    }
}
