using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

/// <summary>The name a dunning email greets: the contact's own name when the address is a portal contact's, otherwise the AP team.</summary>
internal static class RecipientName
{
    public const string Fallback = "Accounts Payable team";

    public static async Task<IReadOnlyDictionary<string, string>> ForCustomersAsync(PayPortalDbContext db, IReadOnlyCollection<long> customerIds, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.CustomerId != null && customerIds.Contains(u.CustomerId.Value) && u.Email != null && u.DisplayName != "")
            .Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct))
            .DistinctBy(u => u.Email!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(u => u.Email!, u => u.DisplayName, StringComparer.OrdinalIgnoreCase);

    public static string For(IReadOnlyDictionary<string, string> names, string email) => names.TryGetValue(email, out var name) ? name : Fallback;
}
