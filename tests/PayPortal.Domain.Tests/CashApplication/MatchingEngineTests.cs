using PayPortal.Domain.CashApplication;
using static PayPortal.Domain.Tests.TestData;

namespace PayPortal.Domain.Tests.CashApplication;

public class MatchingEngineTests
{
    private static readonly DateOnly On = new(2026, 11, 20);

    private static OpenItem Item(long id, string number, long customer, long open, long discount = 0, int dueInDays = 0) =>
        new(id, number, customer, "USD", open, discount, On.AddDays(dueInDays), discount > 0 ? On.AddDays(2) : null);

    private static readonly PayerProfile[] Payers =
    [
        new(1, "Acme Fabrication Inc.", ["DE89370400440532013000"], ["ACME FAB"]),
        new(2, "Brightline Logistics LLC", [], []),
    ];

    private static MatchingEngine Engine(params OpenItem[] items) => new(items, Payers);

    private static BankCredit Credit(long amount, string text, string? payer = null, string? account = null, params string[] references) =>
        new("REF-1", On, Usd(amount), payer, account, text, references);

    [Theory]
    [InlineData("Payment INV-100023")]
    [InlineData("inv 100023 thanks")]
    [InlineData("INV-0100023")]
    [InlineData("Invoice no. 100 023")]
    public void An_invoice_number_written_any_usual_way_with_the_exact_amount_is_a_sure_match(string text)
    {
        var best = Engine(Item(7, "INV-100023", 1, 500_00)).Match(Credit(500_00, text)).Best!;
        Assert.Equal(("invoice-number", 0.99, 1L), (best.Rule, best.Confidence, best.CustomerId!.Value));
        Assert.Equal([new ProposedAllocation(7, "INV-100023", 500_00, 0)], best.Allocations);
    }

    [Fact]
    public void Swapped_digits_are_forgiven_at_a_small_cost_and_explained()
    {
        var best = Engine(Item(7, "INV-100023", 1, 500_00)).Match(Credit(500_00, "INV 100032", payer: "ACME FAB")).Best!;
        Assert.Equal(0.94, best.Confidence, 3);
        Assert.Contains(best.Reasons, r => r.Contains("INV-100023 (read as \"100032\")"));
    }

    [Fact]
    public void Paying_inside_the_discount_window_takes_the_discount_as_a_discount_not_a_short_pay()
    {
        var best = Engine(Item(7, "INV-100023", 1, 1000_00, discount: 20_00)).Match(Credit(980_00, "INV-100023")).Best!;
        Assert.Equal(("invoice-number+discount", ShortPayReason.DiscountTaken), (best.Rule, best.ShortPay));
        Assert.Equal([new ProposedAllocation(7, "INV-100023", 980_00, 20_00)], best.Allocations);
    }

    [Fact]
    public void Several_numbers_of_which_the_amount_pays_some_apply_to_those()
    {
        var best = Engine(Item(1, "INV-1001", 1, 100_00), Item(2, "INV-1002", 1, 250_00), Item(3, "INV-1003", 1, 75_00))
            .Match(Credit(175_00, "INV-1001 INV-1002 INV-1003")).Best!;
        Assert.Equal("invoice-number-subset", best.Rule);
        Assert.Equal([1L, 3L], best.Allocations.Select(a => a.InvoiceId));
    }

    [Fact]
    public void An_overpayment_leaves_the_rest_on_account_and_a_small_short_pay_is_a_bank_fee()
    {
        var engine = Engine(Item(1, "INV-1001", 1, 100_00), Item(2, "INV-1002", 1, 300_00));
        var over = engine.Match(Credit(120_00, "INV-1001", payer: "Acme Fabrication")).Best!;
        Assert.Equal(("invoice-number-overpaid", 20_00L, 100_00L), (over.Rule, over.OnAccountMinor, over.AppliedCashMinor));
        var fee = engine.Match(Credit(285_00, "INV-1002", payer: "Acme Fabrication")).Best!;
        Assert.Equal(("invoice-number-short", ShortPayReason.BankFee, 0.91), (fee.Rule, fee.ShortPay, fee.Confidence));
        var deduction = engine.Match(Credit(200_00, "INV-1002")).Best!; // no recognised payer: a person looks
        Assert.True(deduction.Confidence < 0.9);
        Assert.Equal(ShortPayReason.Deduction, deduction.ShortPay);
    }

    [Fact]
    public void Without_numbers_a_known_payer_is_matched_to_the_oldest_invoices_that_add_up()
    {
        var engine = Engine(Item(1, "INV-1", 1, 100_00, dueInDays: -60), Item(2, "INV-2", 1, 50_00, dueInDays: -30), Item(3, "INV-3", 1, 150_00, dueInDays: -10),
            Item(4, "INV-4", 2, 150_00));
        var byName = engine.Match(Credit(150_00, "MONTHLY PAYMENT", payer: "ACME FABRICATION")).Best!;
        Assert.Equal(("payer-open-invoices", 1L), (byName.Rule, byName.CustomerId!.Value));
        Assert.Equal([1L, 2L], byName.Allocations.Select(a => a.InvoiceId)); // 100 + 50 before the single 150, oldest first
        Assert.Equal(0.80, byName.Confidence, 3); // two ways to make 150: a specialist confirms

        var byAccount = engine.Match(Credit(300_00, "", account: "DE89 3704 0044 0532 0130 00")).Best!;
        Assert.Equal(1L, byAccount.CustomerId!.Value);
        Assert.Equal(0.93, byAccount.Confidence, 3);
    }

    [Fact]
    public void A_misspelt_payer_name_is_still_recognised_and_an_unknown_one_is_not()
    {
        var engine = Engine(Item(4, "INV-4", 2, 150_00));
        var fuzzy = engine.Match(Credit(150_00, "", payer: "Brightlin Logistic")).Best!;
        Assert.Equal(2L, fuzzy.CustomerId!.Value);
        Assert.Equal(0.90, fuzzy.Confidence, 3);
        Assert.Empty(engine.Match(Credit(150_00, "", payer: "Zebra Holdings")).Proposals);
    }

    [Fact]
    public void Money_applied_is_consumed_so_a_second_line_does_not_pay_the_same_invoice_again()
    {
        var engine = Engine(Item(7, "INV-100023", 1, 500_00));
        var first = engine.Match(Credit(500_00, "INV-100023")).Best!;
        engine.Consume(7, first.Allocations[0].CashMinor);
        var second = engine.Match(Credit(500_00, "INV-100023"));
        Assert.DoesNotContain(second.Proposals, p => p.Allocations.Any(a => a.InvoiceId == 7));
    }

    [Fact]
    public void A_stripe_payout_is_told_apart()
    {
        Assert.Equal(LineKind.StripePayout, Engine().Match(Credit(1234_56, "STRIPE PAYOUT po_1N2x", payer: "Stripe Payments Europe")).Kind);
    }

    [Fact]
    public void Without_a_recognised_payer_a_typo_an_overpayment_or_a_short_pay_waits_for_a_person()
    {
        var engine = Engine(Item(7, "INV-100023", 2, 500_00), Item(8, "INV-100024", 1, 300_00));
        Assert.True(engine.Match(Credit(500_00, "INV 100032")).Best is null or { Confidence: < 0.9 }); // someone else's invoice, one typo away
        Assert.True(engine.Match(Credit(320_00, "Credit note 100024", payer: "Supplier Ltd")).Best!.Confidence < 0.9);
        Assert.True(engine.Match(Credit(290_00, "INV-100024")).Best!.Confidence < 0.9);
    }

    [Fact]
    public void A_discount_is_taken_only_by_a_line_dated_inside_its_window_and_a_name_two_customers_share_identifies_neither()
    {
        var engine = new MatchingEngine([Item(7, "INV-100023", 1, 1000_00, discount: 20_00)],
            [new PayerProfile(1, "Acme Inc.", [], []), new PayerProfile(2, "Acme LLC", [], [])]);
        var late = new BankCredit("R", On.AddDays(3), Usd(980_00), null, null, "INV-100023", []);
        Assert.NotEqual("invoice-number+discount", engine.Match(late).Best!.Rule);
        Assert.Empty(engine.Match(new BankCredit("R", On, Usd(1000_00), "ACME", null, "PAYMENT", [])).Proposals);
    }
}
