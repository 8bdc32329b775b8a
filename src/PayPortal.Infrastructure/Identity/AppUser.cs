using Microsoft.AspNetCore.Identity;
using PayPortal.Domain.Customers;

namespace PayPortal.Infrastructure.Identity;

/// <summary>A person who signs in: a customer contact (with <see cref="CustomerId"/>) or back-office staff.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The one customer account a contact belongs to; null for staff.</summary>
    public long? CustomerId { get; set; }
    public Customer? Customer { get; set; }

    /// <summary>May invite and manage the other contacts of the account.</summary>
    public bool IsAccountAdmin { get; set; }

    /// <summary>Email preferences: invoices and statements; payment reminders. Receipts always go to whoever paid.</summary>
    public bool EmailInvoicesAndStatements { get; set; } = true;
    public bool EmailReminders { get; set; } = true;

    public DateTime? InvitedAt { get; set; }
    public string? InvitedBy { get; set; }

    /// <summary>The last completed sign-in (password, two-factor or invitation link), for the staff list.</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>Set when an Admin disables the account: it cannot sign in and its sessions end.</summary>
    public DateTime? DisabledAt { get; set; }
}
