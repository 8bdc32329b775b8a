using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data.Migrations.Sql;
using PayPortal.Infrastructure.Payments;

namespace PayPortal.Infrastructure.Tests.Payments;

/// <summary>Books written before chargebacks had their own column are rewritten so nothing is taken back twice.</summary>
public class StripeReferencesUpgradeTests
{
    [Fact]
    public async Task A_chargeback_booked_the_old_way_becomes_a_withdrawal_of_its_dispute_and_its_win_a_reinstatement()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var customer = new Customer("C-1", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow };
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var paid = new Payment(customer, new Money(5_00, Currency.USD), PaymentMethod.Card, today, "pi_old");
            var won = new Payment(customer, new Money(5_00, Currency.USD), PaymentMethod.Card, today, "dp_old won");
            var other = new Payment(customer, new Money(1_00, Currency.USD), PaymentMethod.Check, today, "Check 1001 won");
            scope.Db.Payments.AddRange(paid, won, other);
            scope.Db.Journals.AddRange(Postings.ReceivePayment(paid, DateTime.UtcNow), Postings.ReceivePayment(won, DateTime.UtcNow), Postings.ReceivePayment(other, DateTime.UtcNow));
            var (chargeback, j1) = Postings.Refund(paid, new Money(3_00, Currency.USD), "Chargeback: card dispute dp_old", today, DateTime.UtcNow, "dp_old");
            var (refund, j2) = Postings.Refund(paid, new Money(1_00, Currency.USD), "Refunded through Stripe", today, DateTime.UtcNow, "re_kept");
            scope.Db.Refunds.AddRange(chargeback, refund);
            scope.Db.Journals.AddRange(j1, j2);
            scope.Db.StripeEvents.Add(new StripeEventRecord { EventId = "evt_old_refusal", Type = "charge.refunded", Outcome = "refused: something", Status = StripeEventStatus.Applied, ReceivedAt = DateTime.UtcNow });
            scope.Db.StripeEvents.Add(new StripeEventRecord { EventId = "evt_old_applied", Type = "charge.refunded", Outcome = "refunded 100", Status = StripeEventStatus.Applied, ReceivedAt = DateTime.UtcNow });
            await scope.Db.SaveChangesAsync();
        }

        foreach (var statement in StripeReferencesUpgrade.Statements) await db.ScalarAsync(statement);
        foreach (var statement in StripeReferencesUpgrade.Statements) await db.ScalarAsync(statement); // twice changes nothing more

        await using var check = db.Scope();
        var refunds = await check.Db.Refunds.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.ExternalReference, r.DisputeId }).ToListAsync();
        Assert.Equal([new { ExternalReference = (string?)"dp_old:withdrawn:1", DisputeId = (string?)"dp_old" }, new { ExternalReference = (string?)"re_kept", DisputeId = (string?)null }], refunds);
        Assert.Equal(["pi_old", "dp_old reinstated", "Check 1001 won"], await check.Db.Payments.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Reference!).ToListAsync());
        Assert.Equal([StripeEventStatus.Applied, StripeEventStatus.NeedsAttention],
            await check.Db.StripeEvents.AsNoTracking().OrderBy(e => e.EventId).Select(e => e.Status).ToListAsync());
    }
}
