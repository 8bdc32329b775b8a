using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Plans;
using PayPortal.Infrastructure.Collections;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Collections;

public class WriteOffDeskTests
{
    [Fact]
    public async Task An_invoice_in_an_active_plan_is_not_written_off_and_a_bad_amount_is_named()
    {
        await using var db = await TempDatabase.CreateAsync();
        long planned, plain;
        await using (var scope = db.Scope())
        {
            var c = Customer(scope.Db, "C-1");
            var inPlan = Invoice(scope.Db, c, "INV-1", -20, 300_00);
            var other = Invoice(scope.Db, c, "INV-2", -20, 300_00);
            var (plan, _) = PaymentPlan.Request(c, [inPlan], new PlanTerms(2, PlanFrequency.Monthly, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5)),
                PlanPolicy.Default, DateOnly.FromDateTime(DateTime.UtcNow), DateTime.UtcNow, null);
            scope.Db.PaymentPlans.Add(plan!);
            await scope.Db.SaveChangesAsync();
            (planned, plain) = (inPlan.Id, other.Id);
        }
        await using var check = db.Scope();
        var desk = check.Get<WriteOffDesk>();

        var refused = await desk.ProposeAsync(planned, "300.00", "Insolvent");
        Assert.Equal("Invoice INV-1 is in an active payment plan; cancel the plan before writing it off.", refused.Message);
        Assert.StartsWith("Amount:", (await desk.ProposeAsync(plain, "three hundred", "Insolvent")).Message);
        Assert.True((await desk.ProposeAsync(plain, "300.00", "Insolvent")).Succeeded);
        Assert.Equal("A write-off of invoice INV-2 is already waiting for approval.", (await desk.ProposeAsync(plain, "1.00", "Again")).Message);
        Assert.Equal(1, await check.Db.WriteOffRequests.CountAsync());
    }
}
