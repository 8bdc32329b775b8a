using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Notices;

/// <summary>Who at a customer gets which email, honouring each contact's email preferences.</summary>
public sealed class Recipients(PayPortalDbContext db)
{
    /// <summary>Invoices and statements: the account's billing addresses and every contact who takes them, less any contact who said no.</summary>
    public Task<IReadOnlyList<string>> BillingAsync(long customerId, CancellationToken ct) =>
        ByPreferenceAsync(customerId, u => u.EmailInvoicesAndStatements, ct);

    /// <summary>Reminders: the billing addresses and every contact who wants reminders, less any contact who said no.</summary>
    public Task<IReadOnlyList<string>> RemindersAsync(long customerId, CancellationToken ct) =>
        ByPreferenceAsync(customerId, u => u.EmailReminders, ct);

    /// <summary>About something a contact started (a dispute, a plan): that contact; if none (or gone), the billing addresses.</summary>
    public async Task<IReadOnlyList<string>> ContactOrBillingAsync(long customerId, string? contactUserId, CancellationToken ct)
    {
        var email = contactUserId is null ? null
            : await db.Users.Where(u => u.Id == contactUserId && u.CustomerId == customerId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        return email is not null ? [email] : await BillingAsync(customerId, ct);
    }

    private async Task<IReadOnlyList<string>> ByPreferenceAsync(long customerId, Func<Identity.AppUser, bool> wants, CancellationToken ct)
    {
        var billing = (await db.Customers.Where(c => c.Id == customerId).Select(c => c.BillingEmails).SingleAsync(ct))
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var contacts = await db.Users.AsNoTracking().Where(u => u.CustomerId == customerId && u.Email != null).ToListAsync(ct);
        var declined = contacts.Where(c => !wants(c)).Select(c => c.Email!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return billing.Concat(contacts.Where(wants).Select(c => c.Email!))
            .Where(e => !declined.Contains(e))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
