using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Collections;

/// <summary>
/// The dunning policies with their steps, and their editing as audited steps. The standard policy is put
/// in place the first time dunning runs or the policies are shown.
/// </summary>
public sealed class DunningPolicies(PayPortalDbContext db, DeskStep steps)
{
    private const string ChangedMeanwhile = "Someone changed this policy at the same time; nothing was saved. Reload and try again.";

    public async Task<IReadOnlyList<DunningPolicy>> ListAsync(CancellationToken ct) =>
        await db.DunningPolicies.Include("_steps").OrderBy(p => p.Segment != null).ThenBy(p => p.Segment).ToListAsync(ct);

    /// <summary>The policies, creating the standard one when there are none at all.</summary>
    public async Task<IReadOnlyList<DunningPolicy>> EnsureAsync(CancellationToken ct)
    {
        var list = await ListAsync(ct);
        if (list.Count > 0) return list;
        // Under the write lock and checked again, so two first runs at once make one standard policy.
        await using (var transaction = await WriteTransaction.BeginAsync(db, ct))
        {
            if (!await db.DunningPolicies.AnyAsync(ct))
            {
                db.DunningPolicies.Add(DunningPolicy.Standard());
                using (db.Audit.Begin("dunning.policy.create")) await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        return await ListAsync(ct);
    }

    /// <summary>For a dry run, which must change nothing: the policies, or the standard one in memory.</summary>
    public async Task<IReadOnlyList<DunningPolicy>> CurrentOrStandardAsync(CancellationToken ct) =>
        await ListAsync(ct) is { Count: > 0 } list ? list : [DunningPolicy.Standard()];

    /// <summary>A new policy for a segment (a copy of the standard steps to edit), or the default one if there is none.</summary>
    public Task<StepResult> AddPolicyAsync(string name, string? segment, CancellationToken ct = default) =>
        steps.RunAsync("dunning.policy.create", async () =>
        {
            var policy = DunningPolicy.Standard(name, segment);
            if (await db.DunningPolicies.AnyAsync(p => p.Segment == policy.Segment, ct))
                throw new DomainRefusal(policy.Segment is null ? "There is already a default policy." : $"Segment '{policy.Segment}' already has a policy.");
            db.DunningPolicies.Add(policy);
            await db.SaveChangesAsync(ct);
            return (policy.Id, $"Policy '{policy.Name}' added with the standard steps; edit them below.");
        }, "No such policy.", ChangedMeanwhile, null, ct);

    /// <summary>Changes a step (<paramref name="stepId"/>) or adds one to the policy (null).</summary>
    public Task<StepResult> SaveStepAsync(long policyId, long? stepId, int offsetDays, DunningAction action, string subject, string body, CancellationToken ct = default) =>
        steps.RunAsync(stepId is null ? "dunning.step.add" : "dunning.step.change", async () =>
        {
            var policy = await db.DunningPolicies.Include("_steps").SingleOrDefaultAsync(p => p.Id == policyId, ct) ?? throw new KeyNotFoundException();
            if (stepId is { } id)
            {
                var step = policy.Steps.SingleOrDefault(s => s.Id == id) ?? throw new KeyNotFoundException();
                if (policy.Steps.Any(s => s.Id != id && s.OffsetDays == offsetDays))
                    throw new DomainRefusal($"The policy already has a step at {DunningStep.OffsetText(offsetDays)}.");
                step.Change(offsetDays, action, subject, body);
            }
            else policy.AddStep(offsetDays, action, subject, body);
            policy.Version++; // edits to its steps count as edits to the policy for concurrency
            return (policy.Id, $"Step {DunningStep.OffsetText(offsetDays)} saved.");
        }, "No such policy or step.", ChangedMeanwhile, null, ct);

    /// <summary>Removes a step that never went out (one that did stays, as the record of what was sent).</summary>
    public Task<StepResult> RemoveStepAsync(long policyId, long stepId, CancellationToken ct = default) =>
        steps.RunAsync("dunning.step.remove", async () =>
        {
            var policy = await db.DunningPolicies.Include("_steps").SingleOrDefaultAsync(p => p.Id == policyId, ct) ?? throw new KeyNotFoundException();
            var step = policy.Steps.SingleOrDefault(s => s.Id == stepId) ?? throw new KeyNotFoundException();
            if (await db.DunningNotices.AnyAsync(n => n.DunningStepId == stepId, ct))
                throw new DomainRefusal("This step has already gone out to customers; change its text or timing instead of removing it.");
            policy.RemoveStep(step);
            db.DunningSteps.Remove(step);
            return (policy.Id, "Step removed.");
        }, "No such policy or step.", ChangedMeanwhile, null, ct);
}
