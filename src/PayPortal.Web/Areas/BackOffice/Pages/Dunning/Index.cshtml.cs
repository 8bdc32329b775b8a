using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Collections;
using PayPortal.Infrastructure.Data;
using PayPortal.Web.Htmx;
using PayPortal.Web.Reports;
using PayPortal.Web.Security;

namespace PayPortal.Web.Areas.BackOffice.Pages.Dunning;

/// <summary>
/// Dunning: preview exactly what today's run would send (a dry run), send it, see the last runs; and the
/// policies with their steps and templates (managers edit them).
/// </summary>
public class IndexModel(DunningPolicies policies, DunningRunner runner, PayPortalDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "as-of")] public DateOnly? AsOf { get; set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<DunningPolicy> PolicyList { get; private set; } = [];
    public IReadOnlyList<DunningRunRecord> Runs { get; private set; } = [];
    public DunningOutcome? Outcome { get; private set; }
    public bool CanEdit { get; private set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? Problem { get; private set; }
    /// <summary>The result of a run shown with it (not kept for the next page, unlike <see cref="StatusMessage"/>).</summary>
    public string? SentMessage { get; private set; }

    [BindProperty] public StepInput Step { get; set; } = new();
    [BindProperty] public string? PolicyName { get; set; }
    [BindProperty] public string? PolicySegment { get; set; }

    public sealed class StepInput
    {
        public int OffsetDays { get; set; }
        public DunningAction Action { get; set; } = DunningAction.Email;
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The dry run: exactly what a run as of the date would send; nothing changes.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || !ReportDates.InRange(AsOf)) return BadRequest("as-of must be a date such as 2026-11-23");
        Outcome = await runner.RunAsync(AsOf ?? clock.Today(), dryRun: true, ct);
        if (this.WantsFragment()) return Partial("_Outcome", this);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || !ReportDates.InRange(AsOf)) return BadRequest("as-of must be a date such as 2026-11-23");
        try
        {
            Outcome = await runner.RunAsync(AsOf ?? clock.Today(), dryRun: false, ct);
            SentMessage = $"Dunning sent: {Outcome.Emails} email(s), {Outcome.Letters} letter(s), {Outcome.CallTasks} call task(s) for {Outcome.Invoices} invoice(s).";
        }
        catch (DomainRefusal refusal)
        {
            Problem = refusal.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostStepAsync(long policyId, long? stepId, CancellationToken ct)
    {
        // A refused edit shows what the manager typed again, in the form it came from.
        RefusedStep = (policyId, stepId);
        return ManagerStepAsync(() => policies.SaveStepAsync(policyId, stepId, Step.OffsetDays, Step.Action, Step.Subject ?? "", Step.Body ?? "", ct), ct);
    }

    /// <summary>The step form whose save was refused: (policy, step or null for a new one).</summary>
    public (long PolicyId, long? StepId)? RefusedStep { get; private set; }

    public Task<IActionResult> OnPostRemoveStepAsync(long policyId, long stepId, CancellationToken ct) =>
        ManagerStepAsync(() => policies.RemoveStepAsync(policyId, stepId, ct), ct);

    public Task<IActionResult> OnPostPolicyAsync(CancellationToken ct) =>
        ManagerStepAsync(() => policies.AddPolicyAsync(PolicyName ?? "", PolicySegment, ct), ct);

    private async Task<IActionResult> ManagerStepAsync(Func<Task<StepResult>> step, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded) return Forbid();
        var result = ModelState.IsValid ? await step() : StepResult.Fail("Some of the values could not be read; the offset is a whole number of days.");
        if (result.Succeeded)
        {
            StatusMessage = result.Message;
            return this.RedirectAfterPost();
        }
        await LoadAsync(ct);
        Problem = result.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = clock.Today();
        PolicyList = await policies.EnsureAsync(ct);
        Runs = await db.DunningRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(10).ToListAsync(ct);
        CanEdit = (await authorization.AuthorizeAsync(User, Policies.Manager)).Succeeded;
    }

    /// <summary>One step's form fields; <see cref="Prefix"/> keeps the ids of many forms on the page apart.</summary>
    public sealed record StepFields(string Prefix, int Offset, DunningAction Action, string Subject, string Body);

    public StepFields FieldsOf(DunningStep step) => RefusedStep is { StepId: { } id } && id == step.Id
        ? Typed($"step-{step.Id}")
        : new($"step-{step.Id}", step.OffsetDays, step.Action, step.Subject, step.Body);

    public StepFields NewStepFields(long policyId) => RefusedStep is { StepId: null } refused && refused.PolicyId == policyId
        ? Typed($"new-{policyId}")
        : new($"new-{policyId}", 7, DunningAction.Email, "", "Dear {{contact.name}},\n\n{{invoices}}\n\nTotal: {{total}}\n\nPay online: {{pay_link}}\n\n{{company.name}}");

    private StepFields Typed(string prefix) => new(prefix, Step.OffsetDays, Step.Action, Step.Subject ?? "", Step.Body ?? "");

    public static string ActionText(DunningAction action) => action switch
    {
        DunningAction.CallTask => "Call task",
        DunningAction.Letter => "Letter (PDF)",
        _ => "Email",
    };
}
