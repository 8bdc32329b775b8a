using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Identity;
using PayPortal.Web.Accounts;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.Portal.Pages.Account;

/// <summary>"Who on our side can see this?": the account's contacts, inviting a colleague (account admins), email preferences, sign-in security.</summary>
public class IndexModel(PayPortalDbContext db, UserManager<AppUser> users, ContactInvitations invitations) : PageModel
{
    public AppUser Me { get; private set; } = null!;
    public IReadOnlyList<Contact> Contacts { get; private set; } = [];
    [BindProperty] public PreferencesInput Preferences { get; set; } = new();
    [BindProperty] public ContactInviteInput Invite { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public sealed record Contact(string Name, string Email, bool IsAccountAdmin, bool Active);

    public sealed class PreferencesInput
    {
        [Display(Name = "Invoices and statements by email")] public bool EmailInvoicesAndStatements { get; set; }
        [Display(Name = "Payment reminders by email")] public bool EmailReminders { get; set; }
    }


    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Preferences = new PreferencesInput { EmailInvoicesAndStatements = Me.EmailInvoicesAndStatements, EmailReminders = Me.EmailReminders };
    }

    public async Task<IActionResult> OnPostPreferencesAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Me.EmailInvoicesAndStatements = Preferences.EmailInvoicesAndStatements;
        Me.EmailReminders = Preferences.EmailReminders;
        await users.UpdateAsync(Me);
        StatusMessage = "Your email preferences are saved.";
        return this.RedirectAfterPost();
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Me.IsAccountAdmin) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await invitations.InviteAsync(User.CustomerId(), Invite.Email, Invite.Name, Invite.AccountAdmin, Me.Email!, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Invite)}.{nameof(ContactInviteInput.Email)}", result.Message);
            return Page();
        }
        StatusMessage = result.Message;
        return this.RedirectAfterPost();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = (await users.GetUserAsync(User))!;
        var customerId = User.CustomerId();
        Contacts = await db.Users.AsNoTracking().Where(u => u.CustomerId == customerId).OrderBy(u => u.DisplayName)
            .Select(u => new Contact(u.DisplayName, u.Email!, u.IsAccountAdmin, u.PasswordHash != null)).ToListAsync(ct);
    }
}
