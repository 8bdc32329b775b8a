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

    /// <summary>Reminder addresses of many customers at once (the dunning run), in the same way as <see cref="RemindersAsync"/>.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> RemindersForAsync(IReadOnlyCollection<long> customerIds, CancellationToken ct)
    {
        var result = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var chunk in customerIds.Distinct().Chunk(5_000))
        {
            var billing = await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.BillingEmails }).ToListAsync(ct);
            var contacts = (await db.Users.AsNoTracking().Where(u => u.CustomerId != null && chunk.Contains(u.CustomerId.Value) && u.Email != null)
                .Select(u => new { CustomerId = u.CustomerId!.Value, Email = u.Email!, Wants = u.EmailReminders }).ToListAsync(ct))
                .ToLookup(u => u.CustomerId);
            foreach (var c in billing)
                result[c.Id] = Combine(c.BillingEmails, contacts[c.Id].Select(u => (u.Email, u.Wants)));
        }
        return result;
    }

    private async Task<IReadOnlyList<string>> ByPreferenceAsync(long customerId, Func<Identity.AppUser, bool> wants, CancellationToken ct)
    {
        var billing = await db.Customers.Where(c => c.Id == customerId).Select(c => c.BillingEmails).SingleAsync(ct);
        var contacts = await db.Users.AsNoTracking().Where(u => u.CustomerId == customerId && u.Email != null).ToListAsync(ct);
        return Combine(billing, contacts.Select(c => (c.Email!, wants(c))));
    }

    // The billing addresses and the contacts who want it, less any contact who said no (even if their address is a billing one).
    private static IReadOnlyList<string> Combine(string billingEmails, IEnumerable<(string Email, bool Wants)> contacts)
    {
        var list = contacts.ToList();
        var declined = list.Where(c => !c.Wants).Select(c => c.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return billingEmails.Split(';', StringSplitOptions.RemoveEmptyEntries).Concat(list.Where(c => c.Wants).Select(c => c.Email))
            .Where(e => !declined.Contains(e))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
