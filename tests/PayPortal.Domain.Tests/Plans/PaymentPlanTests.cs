using PayPortal.Domain.Customers;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Plans;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.Plans;

public class PaymentPlanTests
{
    private static readonly PlanPolicy Policy = new(AutoApproveMaxTotalMinor: 1_000_00, AutoApproveMaxInstallments: 4, AutoApproveMaxMonths: 4);
    private readonly Customer _customer = Customer();

    private (PaymentPlan? Plan, IReadOnlyList<string> Problems) Request(PlanTerms terms, params long[] totals) =>
        PaymentPlan.Request(_customer, totals.Select((t, i) => PostedInvoice(_customer, t, $"INV-{i + 1}")).ToList(), terms, Policy, Today, Now, "user-1");

    [Fact]
    public void Within_the_limits_a_plan_is_active_at_once()
    {
        var (plan, problems) = Request(new PlanTerms(3, PlanFrequency.Monthly, Today.AddDays(7)), 300_00, 200_00);
        Assert.Empty(problems);
        Assert.Equal((PlanStatus.Active, 500_00L, "policy"), (plan!.Status, plan.TotalMinor, plan.DecidedBy));
        Assert.Equal(500_00, plan.Installments.Sum(i => i.AmountMinor));
        Assert.Null(plan.ReviewReasons);
    }

    [Fact]
    public void Over_a_limit_it_waits_for_a_specialist_with_the_reasons()
    {
        var (plan, reasons) = Request(new PlanTerms(6, PlanFrequency.Monthly, Today.AddDays(7)), 1_500_00);
        Assert.Equal(PlanStatus.Requested, plan!.Status);
        Assert.Equal(["the total is over USD 1,000.00", "more than 4 installments", "it runs longer than 4 months"], reasons);
    }

    [Fact]
    public void Outside_the_bounds_nothing_is_made_and_every_problem_is_named()
    {
        var (plan, problems) = Request(new PlanTerms(40, PlanFrequency.Weekly, Today.AddDays(-1)), 100_00);
        Assert.Null(plan);
        Assert.Equal(["Choose 2 to 36 installments.", "The first installment cannot be in the past."], problems);
        var late = Request(new PlanTerms(2, PlanFrequency.Weekly, Today.AddDays(46)), 100_00);
        Assert.Equal(["The first installment must be within 45 days."], late.Problems);
    }

    [Fact]
    public void A_disputed_or_paid_invoice_cannot_go_into_a_plan()
    {
        var disputed = PostedInvoice(_customer, 100_00, "INV-D");
        Dispute.Open(disputed, DisputeReason.Pricing, Usd(10_00), "Too much", Now);
        var paid = PostedInvoice(_customer, 100_00, "INV-P");
        Postings.VoidInvoice(paid, "Test", Today, Now);
        var (plan, problems) = PaymentPlan.Request(_customer, [disputed, paid], new PlanTerms(2, PlanFrequency.Weekly, Today), Policy, Today, Now, null);
        Assert.Null(plan);
        Assert.Contains("Invoice INV-D is under dispute; it cannot go into a plan until the dispute is resolved.", problems);
        Assert.Contains("Invoice INV-P has nothing left to pay.", problems);
    }

    [Fact]
    public void A_counter_offer_reschedules_and_the_customer_accepts_or_declines_it()
    {
        var (plan, _) = Request(new PlanTerms(12, PlanFrequency.Monthly, Today.AddDays(7)), 1_200_00);
        plan!.CounterOffer("Alex", "staff-1", new PlanTerms(4, PlanFrequency.Monthly, Today.AddDays(14)), "Four months is what we can do.", Today, Now);
        Assert.Equal((PlanStatus.CounterOffered, 4, "staff-1"), (plan.Status, plan.Installments.Count, plan.AssigneeUserId));
        Assert.Equal([300_00L, 300_00L, 300_00L, 300_00L], plan.Installments.Select(i => i.AmountMinor));
        Assert.StartsWith("12 monthly installments", plan.RequestedTerms);
        Assert.Throws<DomainRefusal>(() => plan.Approve("Alex", "staff-1", Today, Now));
        plan.AcceptCounterOffer(Today, Now);
        Assert.Equal(PlanStatus.Active, plan.Status);

        var (other, _) = Request(new PlanTerms(12, PlanFrequency.Monthly, Today.AddDays(7)), 1_200_00);
        other!.CounterOffer("Alex", "staff-1", new PlanTerms(4, PlanFrequency.Monthly, Today.AddDays(14)), null, Today, Now);
        other.DeclineCounterOffer(Now);
        Assert.Equal(PlanStatus.Declined, other.Status);
        Assert.Throws<DomainRefusal>(() => other.AcceptCounterOffer(Today, Now));
    }

    [Fact]
    public void Specialists_approve_decline_with_a_reason_or_cancel()
    {
        var (plan, _) = Request(new PlanTerms(6, PlanFrequency.Monthly, Today.AddDays(7)), 1_500_00);
        Assert.Throws<DomainRefusal>(() => plan!.Decline("Alex", " ", Now));
        plan!.Approve("Alex", "staff-1", Today, Now);
        Assert.Equal((PlanStatus.Active, "Alex"), (plan.Status, plan.DecidedBy));
        plan.Cancel("Alex", "Customer asked to pay in full", Now);
        Assert.Equal(PlanStatus.Cancelled, plan.Status);
        Assert.Throws<DomainRefusal>(() => plan.Cancel("Alex", "Again", Now));
    }

    [Fact]
    public void Payments_cover_installments_in_order_and_a_missed_one_breaks_the_plan_after_the_grace_period()
    {
        var (plan, _) = Request(new PlanTerms(3, PlanFrequency.Monthly, Today.AddDays(1)), 300_00); // 100.00 each
        Assert.Equal((1, 100_00L), (plan!.NextDue(300_00)!.Value.Installment.Number, plan.NextDue(300_00)!.Value.DueMinor));
        Assert.Equal((2, 50_00L), (plan.NextDue(150_00)!.Value.Installment.Number, plan.NextDue(150_00)!.Value.DueMinor)); // 150 paid: first covered, half of the second
        var secondDue = plan.Installments[1].DueDate;
        Assert.False(plan.Review(150_00, secondDue.AddDays(5), graceDays: 5, Now));
        Assert.True(plan.Review(150_00, secondDue.AddDays(6), graceDays: 5, Now));
        Assert.Equal(PlanStatus.Broken, plan.Status);
        Assert.Contains("Installment 2", plan.Note);

        var (paidOff, _) = Request(new PlanTerms(3, PlanFrequency.Monthly, Today.AddDays(1)), 300_00);
        Assert.True(paidOff!.Review(0, Today, 5, Now));
        Assert.Equal(PlanStatus.Completed, paidOff.Status);
        Assert.Null(paidOff.NextDue(0));
    }

    [Fact]
    public void A_request_approved_or_a_counter_offer_accepted_after_its_first_date_is_refused()
    {
        var (plan, _) = Request(new PlanTerms(6, PlanFrequency.Monthly, Today.AddDays(7)), 1_500_00);
        Assert.Contains("has passed", Assert.Throws<DomainRefusal>(() => plan!.Approve("Alex", "staff-1", Today.AddDays(8), Now)).Message);
        plan!.CounterOffer("Alex", "staff-1", new PlanTerms(4, PlanFrequency.Monthly, Today.AddDays(3)), null, Today, Now);
        Assert.Contains("has passed", Assert.Throws<DomainRefusal>(() => plan.AcceptCounterOffer(Today.AddDays(4), Now)).Message);
        Assert.Equal(PlanStatus.CounterOffered, plan.Status);
    }
}
