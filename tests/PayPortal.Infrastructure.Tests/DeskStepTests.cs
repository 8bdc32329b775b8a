using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;

namespace PayPortal.Infrastructure.Tests;

/// <summary>A step's refusal reaches the user as a sentence; a programming error is not dressed up as one.</summary>
public class DeskStepTests : IAsyncLifetime
{
    private TempDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TempDatabase.CreateAsync();
        await using var scope = _db.Scope();
        scope.Db.Customers.Add(new Customer("C-1", "Acme", Currency.USD, PaymentTerms.Net(30), ["ap@acme.test"]) { CreatedAt = DateTime.UtcNow });
        await scope.Db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<StepResult> RunAsync(TestScope scope, Exception thrown) =>
        await scope.Get<DeskStep>().RunAsync("customer.test", async () =>
        {
            var customer = await scope.Db.Customers.SingleAsync();
            customer.CreditLimitMinor = 1_00;
            throw thrown;
        }, "No such customer.", "Changed meanwhile.", outbox: null, CancellationToken.None);

    [Fact]
    public async Task A_refusal_is_the_steps_answer_and_nothing_is_saved()
    {
        await using var scope = _db.Scope();

        var result = await RunAsync(scope, new DomainRefusal("Acme is already on credit hold."));

        Assert.Equal(StepResult.Fail("Acme is already on credit hold."), result);
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM Customers WHERE CreditLimitMinor IS NOT NULL"));
    }

    [Fact]
    public async Task A_programming_error_is_thrown_not_shown_as_a_refusal()
    {
        await using var scope = _db.Scope();

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(scope, new InvalidOperationException("Load the invoice's customer.")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => RunAsync(scope, new ArgumentNullException("invoice")));
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM Customers WHERE CreditLimitMinor IS NOT NULL"));
    }

    [Fact]
    public async Task Done_says_what_was_done_and_names_the_record()
    {
        await using var scope = _db.Scope();

        var result = await scope.Get<DeskStep>().RunAsync("customer.test", async () =>
        {
            var customer = await scope.Db.Customers.SingleAsync();
            customer.CreditLimitMinor = 1_00;
            return (customer.Id, "Credit limit set.");
        }, "No such customer.", "Changed meanwhile.", outbox: null, CancellationToken.None);

        Assert.Equal(StepResult.Done("Credit limit set.", await scope.Db.Customers.Select(c => c.Id).SingleAsync()), result);
        Assert.Equal("customer.test", await _db.ScalarAsync("SELECT Action FROM AuditEvents WHERE Changes LIKE '%CreditLimitMinor%'"));
    }
}
