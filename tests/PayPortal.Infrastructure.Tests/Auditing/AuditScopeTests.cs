using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;

namespace PayPortal.Infrastructure.Tests.Auditing;

/// <summary>An audit scope names every save inside it, and only those.</summary>
public class AuditScopeTests : IAsyncLifetime
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

    private async Task<List<string>> CustomerChangesAsync()
    {
        await using var scope = _db.Scope();
        return await scope.Db.AuditEvents.Where(e => e.EntityType == nameof(Customer) && e.Changes!.Contains("CreditLimitMinor"))
            .OrderBy(e => e.Id).Select(e => e.Action + " " + e.Changes).ToListAsync();
    }

    [Fact]
    public async Task An_action_begun_once_names_every_save_inside_its_scope_and_none_after_it()
    {
        await using (var scope = _db.Scope())
        {
            var customer = await scope.Db.Customers.SingleAsync();
            using (scope.Db.Audit.Begin("customer.review"))
            {
                customer.CreditLimitMinor = 1_00;
                await scope.Db.SaveChangesAsync();
                customer.CreditLimitMinor = 2_00;
                await scope.Db.SaveChangesAsync();
            }
            customer.CreditLimitMinor = 3_00;
            await scope.Db.SaveChangesAsync();
        }

        Assert.Equal([
            "customer.review {\"CreditLimitMinor\":[null,100]}",
            "customer.review {\"CreditLimitMinor\":[100,200]}",
            "Customer.Modified {\"CreditLimitMinor\":[200,300]}"], await CustomerChangesAsync());
    }

    [Fact]
    public async Task A_scope_inside_another_names_its_own_saves_and_gives_the_outer_action_back()
    {
        await using (var scope = _db.Scope())
        {
            var customer = await scope.Db.Customers.SingleAsync();
            using (scope.Db.Audit.Begin("outer"))
            {
                customer.CreditLimitMinor = 1_00;
                await scope.Db.SaveChangesAsync();
                using (scope.Db.Audit.Begin("inner"))
                {
                    customer.CreditLimitMinor = 2_00;
                    await scope.Db.SaveChangesAsync();
                }
                customer.CreditLimitMinor = 3_00;
                await scope.Db.SaveChangesAsync();
            }
            Assert.Null(scope.Db.Audit.Action);
        }

        Assert.Equal(["outer", "inner", "outer"], (await CustomerChangesAsync()).Select(c => c.Split(' ')[0]));
    }

    [Fact]
    public async Task A_save_whose_audit_rows_cannot_be_written_saves_nothing_and_stays_pending()
    {
        await _db.ScalarAsync("CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEvents BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
        await using var scope = _db.Scope();
        var customer = await scope.Db.Customers.SingleAsync();
        customer.CreditLimitMinor = 9_00;

        var error = await Assert.ThrowsAsync<SqliteException>(() => scope.Db.SaveChangesAsync());

        Assert.Contains("audit refused", error.Message);
        Assert.Equal(0L, await _db.ScalarAsync("SELECT IFNULL(CreditLimitMinor, 0) FROM Customers"));
        Assert.Equal(EntityState.Modified, scope.Db.Entry(customer).State);
    }
}
