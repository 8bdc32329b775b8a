using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Web.Accounts;
using PayPortal.Web.Htmx;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Customers;

/// <summary>A customer account: terms and limits, how its balance ages, its portal contacts, and inviting a new one.</summary>
public class DetailsModel(PayPortalDbContext db, AgingReport aging, ContactInvitations invitations, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public Customer Customer { get; private set; } = null!;
    public AgingByCurrency? Aging { get; private set; }
    public IReadOnlyList<Contact> Contacts { get; private set; } = [];
    public IReadOnlyList<Application> RecentApplications { get; private set; } = [];
    /// <summary>Managers may reverse applications; specialists see them read-only.</summary>
    public bool CanReverse { get; private set; }
    [BindProperty] public ContactInviteInput Invite { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public sealed record Contact(string Email, string DisplayName, bool IsAccountAdmin, bool HasPassword, DateTime? InvitedAt, string? InvitedBy);

    public sealed record Application(long Id, DateOnly AppliedOn, string InvoiceNumber, AllocationKind Kind, string? Source, long AmountMinor, string? Rule, bool Reversed, bool IsTest, long? PaymentId);


    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await invitations.InviteAsync(id, Invite.Email, Invite.Name, Invite.AccountAdmin, User.Identity!.Name!, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Invite)}.{nameof(ContactInviteInput.Email)}", result.Message);
            return Page();
        }
        StatusMessage = result.Message;
        return this.RedirectAfterPost(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return false;
        Customer = customer;
        var today = clock.Today();
        Aging = (await aging.ForOpenInvoicesAsync(today, id, ct: ct)).FirstOrDefault();
        Contacts = await db.Users.AsNoTracking().Where(u => u.CustomerId == id).OrderBy(u => u.Email)
            .Select(u => new Contact(u.Email!, u.DisplayName, u.IsAccountAdmin, u.PasswordHash != null, u.InvitedAt, u.InvitedBy))
            .ToListAsync(ct);
        RecentApplications = await db.Allocations.AsNoTracking().Where(a => a.CustomerId == id)
            .OrderByDescending(a => a.Id).Take(20)
            .Select(a => new Application(a.Id, a.AppliedOn, a.Invoice!.Number!, a.Kind,
                a.Payment != null ? a.Payment.Reference : a.CreditMemo != null ? a.CreditMemo.Number : null, a.AmountMinor, a.Rule, a.ReversedAt != null, a.Payment != null && a.Payment.IsTest, a.PaymentId))
            .ToListAsync(ct);
        CanReverse = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
        return true;
    }
}
