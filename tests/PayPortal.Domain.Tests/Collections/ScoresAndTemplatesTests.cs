using PayPortal.Domain.Collections;

namespace PayPortal.Domain.Tests.Collections;

public class ScoresAndTemplatesTests
{
    [Fact]
    public void Risk_score_adds_its_documented_parts()
    {
        // 30 days late on average: 15 of 30; half paid late: 10 of 20; one broken promise: 7 of 20 (6.67 rounded);
        // 40% past due: 6 of 15; oldest 60 days: 7.5 -> 8 of 15.
        var score = RiskScore.From(new RiskInputs(30, 0.5m, 1, 0.4m, 60));
        Assert.Equal([15, 10, 7, 6, 8], score.Components.Select(c => c.Points));
        Assert.Equal(46, score.Score);
        Assert.Equal(RiskBand.Medium, score.Band);
        Assert.Equal(0, RiskScore.From(new RiskInputs(0, 0, 0, 0, 0)).Score);
        Assert.Equal(100, RiskScore.From(new RiskInputs(90, 1, 5, 1, 365)).Score);
        Assert.Equal(RiskBand.High, RiskScore.From(new RiskInputs(90, 1, 5, 1, 365)).Band);
    }

    [Fact]
    public void Priority_weighs_amount_days_broken_promises_and_risk_as_documented()
    {
        // 999.00 past due: 10*log10(1000) = 30; 50 days: 12; two broken promises: 20; risk 46: 4.
        Assert.Equal(66, CollectionPriority.Score(new Money(999_00, Currency.USD), 50, 2, 46));
        Assert.Equal(0, CollectionPriority.Score(new Money(0, Currency.USD), 0, 0, 0));
        Assert.Equal(100, CollectionPriority.Score(new Money(1_000_000_00, Currency.USD), 500, 9, 100));
    }

    [Fact]
    public void Templates_fill_known_fields_and_steps_refuse_unknown_ones()
    {
        var text = MergeTemplate.Render("Dear {{ contact.name }}, {{total}} for {{customer.name}}.", f => f switch { "contact.name" => "Ann", "total" => "$5.00", _ => "Acme" });
        Assert.Equal("Dear Ann, $5.00 for Acme.", text);
        Assert.Equal(["customer.nmae", "balance"], MergeTemplate.UnknownFields("{{customer.nmae}} {{total}} {{balance}}"));

        var policy = new DunningPolicy("Key accounts", "Key-Accounts");
        Assert.Equal("key-accounts", policy.Segment);
        var error = Assert.Throws<DomainRefusal>(() => policy.AddStep(10, DunningAction.Email, "Hi {{customer.nmae}}", "Body"));
        Assert.StartsWith("Unknown merge field(s): {{customer.nmae}}.", error.Message);
        policy.AddStep(10, DunningAction.Email, "Hi", "Body {{invoices}}");
        Assert.Throws<DomainRefusal>(() => policy.AddStep(10, DunningAction.Letter, "Again", "Body"));
        Assert.Throws<DomainRefusal>(() => policy.AddStep(500, DunningAction.Email, "Late", "Body"));
        Assert.Throws<DomainRefusal>(() => new DunningPolicy("Bad", "key accounts!"));
    }
}
