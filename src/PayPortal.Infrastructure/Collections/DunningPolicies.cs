using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

/// <summary>The dunning policies with their steps; the standard policy is put in place the first time dunning runs or is set up.</summary>
public sealed class DunningPolicies(PayPortalDbContext db)
{
    public async Task<IReadOnlyList<DunningPolicy>> ListAsync(CancellationToken ct) =>
        await db.DunningPolicies.Include("_steps").OrderBy(p => p.Segment != null).ThenBy(p => p.Segment).ToListAsync(ct);

    /// <summary>The policies, creating the standard one when there are none at all.</summary>
    public async Task<IReadOnlyList<DunningPolicy>> EnsureAsync(CancellationToken ct)
    {
        var list = await ListAsync(ct);
        if (list.Count > 0) return list;
        db.DunningPolicies.Add(DunningPolicy.Standard());
        db.AuditAction = "dunning.policy.create";
        await db.SaveChangesAsync(ct);
        return await ListAsync(ct);
    }

    /// <summary>For a dry run, which must change nothing: the policies, or the standard one in memory.</summary>
    public async Task<IReadOnlyList<DunningPolicy>> CurrentOrStandardAsync(CancellationToken ct) =>
        await ListAsync(ct) is { Count: > 0 } list ? list : [DunningPolicy.Standard()];
}
