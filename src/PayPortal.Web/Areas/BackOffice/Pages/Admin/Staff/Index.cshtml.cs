using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Staff;
using PayPortal.Web.Htmx;

namespace PayPortal.Web.Areas.BackOffice.Pages.Admin.Staff;

/// <summary>
/// Admins manage the back-office accounts: invite, change role, disable and enable, reset two-factor, and see who
/// signed in when. The rules (last Admin, own role, valid roles) are the workflow's, the same as the CLI's.
/// Only Admins reach this folder (see <see cref="Security.StaffAccountPages"/>).
/// </summary>
public class IndexModel(StaffAccounts staff, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];
    public string? MyId { get; private set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? Problem { get; private set; }
    [BindProperty] public InviteInput Invite { get; set; } = new();
    public static IReadOnlyList<string> RoleChoices => Roles.BackOffice;

    public sealed class InviteInput
    {
        [Required, EmailAddress, Display(Name = "Email")] public string Email { get; set; } = "";
        [Display(Name = "Name")] public string? Name { get; set; }
        [Required, Display(Name = "Role")] public string Role { get; set; } = Roles.Specialist;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return this.PageOrPartial("_Staff");
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RefusedAsync("Give the email address and the role of the person to invite.", ct);
        return await DoneAsync(await staff.AddAsync(Invite.Email, Invite.Role, Invite.Name, password: null, ct), ct);
    }

    public async Task<IActionResult> OnPostRoleAsync(string email, string role, CancellationToken ct) =>
        await DoneAsync(await staff.ChangeRoleAsync(email, role, users.GetUserId(User), ct), ct);

    public async Task<IActionResult> OnPostDisableAsync(string email, CancellationToken ct) =>
        await DoneAsync(await staff.DisableAsync(email, users.GetUserId(User), ct), ct);

    public async Task<IActionResult> OnPostEnableAsync(string email, CancellationToken ct) =>
        await DoneAsync(await staff.EnableAsync(email, ct), ct);

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string email, CancellationToken ct) =>
        await DoneAsync(await staff.ResetTwoFactorAsync(email, ct), ct);

    private async Task<IActionResult> DoneAsync(StepResult result, CancellationToken ct)
    {
        if (!result.Succeeded) return await RefusedAsync(result.Message, ct);
        StatusMessage = result.Message;
        return this.RedirectAfterPost();
    }

    /// <summary>422 with the page (or its fragment for htmx) naming the problem; nothing was changed.</summary>
    private async Task<IActionResult> RefusedAsync(string problem, CancellationToken ct)
    {
        await LoadAsync(ct);
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return this.PageOrPartial("_Staff");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MyId = users.GetUserId(User);
        Members = await staff.ListAsync(ct);
    }
}
