using Microsoft.AspNetCore.Identity;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Domain.Payments;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Infrastructure.Seeding;

/// <summary>
/// A realistic demo company on an empty database: 30 customers, a few hundred invoices spread over
/// every aging bucket (older ones mostly paid, some partially, some disputed), credit memos, unapplied
/// cash, and the sign-ins of <see cref="DemoAccounts"/>. Dates are relative to today; the same seed
/// gives the same data. Every amount goes through the domain's posting rules.
/// </summary>
public sealed class DemoSeeder(PayPortalDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, DemoDataGate gate, TimeProvider clock)
{
    private static readonly (string Name, string Domain)[] Companies =
    [
        ("Acme Fabrication", "acme-fab"), ("Brightline Logistics", "brightline"), ("Cobalt Dental Group", "cobaltdental"),
        ("Delta Ridge Farms", "deltaridge"), ("Evergreen Property Mgmt", "evergreen-pm"), ("Foxglove Florists", "foxglove"),
        ("Granite State Builders", "granitestate"), ("Harborview Hotels", "harborview"), ("Ironwood Machining", "ironwood"),
        ("Juniper Health Clinics", "juniperhealth"), ("Keystone Auto Parts", "keystoneauto"), ("Lakeside Schools District", "lakeside-sd"),
        ("Meridian Engineering", "meridian-eng"), ("Northpoint Retail", "northpoint"), ("Oakmont Restaurants", "oakmont"),
        ("Pinnacle Software", "pinnacle-sw"), ("Quarry Hill Construction", "quarryhill"), ("Redwood Printing", "redwoodprint"),
        ("Summit Outdoor Gear", "summitgear"), ("Tidewater Marine", "tidewater"), ("Union Street Bakery", "unionbakery"),
        ("Vantage Security", "vantagesec"), ("Willow Creek Vineyards", "willowcreek"), ("Xenon Lighting", "xenonlight"),
        ("Yellowstone Outfitters", "yellowstone-out"), ("Zephyr Aviation Services", "zephyr-air"), ("Bluebird Childcare", "bluebird"),
        ("Cascade Plumbing", "cascadeplumb"), ("Maple Leaf Imports", "mapleleaf"), ("Riverbend Medical Supply", "riverbend"),
    ];

    private static readonly (string Description, long UnitMinor, decimal TaxRate)[] Catalogue =
    [
        ("Steel brackets, galvanized (box of 50)", 42_50, 8.25m), ("Hydraulic hose assembly", 186_00, 8.25m),
        ("Installation labour (hours)", 95_00, 0m), ("Site survey and measurement", 450_00, 0m),
        ("Replacement filters (case)", 64_99, 8.25m), ("Annual maintenance contract", 2_400_00, 0m),
        ("Freight and handling", 125_00, 0m), ("Safety equipment kit", 310_00, 8.25m),
        ("Custom fabrication, per spec", 1_850_00, 8.25m), ("Consulting (hours)", 165_00, 0m),
    ];

    public const int CustomerCount = 30;

    public async Task<DemoSeedResult> SeedAsync(int seed = 20261123, CancellationToken ct = default)
    {
        if (!gate.Allowed) throw new DomainRefusal(DemoDataGate.Refusal);
        if (!await DatabaseSetup.IsEmptyAsync(db, ct))
            throw new DomainRefusal("The database already has customers or users; demo data is only seeded into an empty database.");

        var random = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var role in Roles.All)
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        var customers = new List<Customer>();
        for (var i = 0; i < CustomerCount; i++)
        {
            var (name, domain) = Companies[i];
            var terms = (i % 5) switch { 0 => new PaymentTerms(30, 2, 10), 1 => PaymentTerms.Net(45), 2 => PaymentTerms.Net(60), _ => PaymentTerms.Net(30) };
            var currency = i is 28 ? Currency.Parse("CAD") : Currency.USD;
            customers.Add(new Customer($"C{1001 + i}", name, currency, terms, [$"ap@{domain}.example", ..(i % 4 == 0 ? new[] { $"controller@{domain}.example" } : [])])
            {
                CreditLimitMinor = random.Next(2, 20) * 5_000_00L,
                CreatedAt = now.AddDays(-400),
                DunningPaused = i == 17,
                CreditHold = i == 23,
            });
        }
        db.Customers.AddRange(customers);
        using (db.Audit.Begin("seed.demo")) await db.SaveChangesAsync(ct);

        var invoiceNo = 100_000;
        var memoNo = 5000;
        var stats = new DemoSeedResult();
        foreach (var customer in customers)
        {
            var count = customer == customers[0] ? 16 : random.Next(6, 14);
            for (var k = 0; k < count; k++)
            {
                // The demo customer gets an invoice every 12 days over six months; others are spread at random.
                var ageDays = customer == customers[0] ? k * 12 : random.Next(0, 240);
                var invoice = new Invoice(customer, today.AddDays(-ageDays), poNumber: random.Next(3) == 0 ? null : $"PO-{random.Next(10000, 99999)}",
                    projectCode: random.Next(4) == 0 ? $"PRJ-{random.Next(100, 999)}" : null);
                foreach (var _ in Enumerable.Range(0, random.Next(1, 5)))
                {
                    var (description, unit, tax) = Catalogue[random.Next(Catalogue.Length)];
                    invoice.AddLine(description, random.Next(1, 12), unit, random.Next(6) == 0 ? 5 : 0, tax);
                }
                db.Invoices.Add(invoice);
                db.Journals.Add(Postings.PostInvoice(invoice, $"INV-{++invoiceNo}", now.AddDays(-ageDays)));
                if (ageDays > 2) invoice.MarkSent(now.AddDays(-ageDays)); // the last few days' invoices wait to be sent
                stats.Invoices++;

                var pastDue = invoice.DaysPastDue(today);
                var roll = random.NextDouble();
                var paidShare = pastDue > 75 ? 0.7 : pastDue > 20 ? 0.4 : 0.15;
                if (roll < paidShare)
                {
                    Pay(invoice, invoice.Open, random, today, now);
                    stats.Paid++;
                }
                else if (roll < paidShare + 0.15)
                {
                    Pay(invoice, new Money(invoice.OpenMinor * random.Next(20, 80) / 100, invoice.Currency), random, today, now);
                    stats.PartiallyPaid++;
                }
                else if (roll < paidShare + 0.22)
                {
                    var reason = (DisputeReason)new[] { 1, 2, 3, 4, 5 }[random.Next(5)];
                    db.Disputes.Add(Dispute.Open(invoice, reason, new Money(Math.Max(1, invoice.OpenMinor / random.Next(2, 5)), invoice.Currency),
                        "The quantity billed does not match what we received.", now.AddDays(-Math.Min(ageDays, 10))));
                    stats.Disputed++;
                }
            }

            // A few accounts carry credits or cash not yet on any invoice.
            if (random.Next(5) == 0)
            {
                var memo = new CreditMemo(customer, $"CM-{++memoNo}", today.AddDays(-random.Next(5, 60)), new Money(random.Next(50, 400) * 100L, customer.Currency), "Returned goods");
                db.CreditMemos.Add(memo);
                db.Journals.Add(Postings.IssueCreditMemo(memo, now));
                stats.CreditMemos++;
            }
            if (random.Next(6) == 0)
            {
                var payment = new Payment(customer, new Money(random.Next(100, 900) * 100L, customer.Currency), PaymentMethod.Check, today.AddDays(-random.Next(1, 20)), $"CHK {random.Next(10000, 99999)}");
                db.Payments.Add(payment);
                db.Journals.Add(Postings.ReceivePayment(payment, now));
            }
        }
        // Invoices and credit memos posted from now on continue the demo's numbering.
        db.NumberSequences.Add(new NumberSequence(NumberSequence.Invoices, invoiceNo + 1));
        db.NumberSequences.Add(new NumberSequence(NumberSequence.CreditMemos, memoNo + 1));
        await db.SaveChangesAsync(ct);

        foreach (var account in DemoAccounts.All)
        {
            var customer = account == DemoAccounts.Customer || account == DemoAccounts.CustomerColleague ? customers[0]
                : account == DemoAccounts.OtherCustomer ? customers[1] : null;
            var user = new AppUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.Name,
                CustomerId = customer?.Id,
                IsAccountAdmin = account == DemoAccounts.Customer || account == DemoAccounts.OtherCustomer,
            };
            Check(await users.CreateAsync(user, DemoAccounts.Password), account.Email);
            Check(await users.AddToRoleAsync(user, account.Role), account.Email);
        }
        await transaction.CommitAsync(ct);
        stats.Customers = customers.Count;
        return stats;
    }

    private void Pay(Invoice invoice, Money amount, Random random, DateOnly today, DateTime now)
    {
        var receivedOn = invoice.DueDate.AddDays(random.Next(-15, 20));
        if (receivedOn > today) receivedOn = today;
        if (receivedOn < invoice.IssueDate) receivedOn = invoice.IssueDate;
        var method = (PaymentMethod)new[] { 1, 2, 3, 4, 5 }[random.Next(5)];
        var payment = new Payment(invoice.Customer!, amount, method, receivedOn, method == PaymentMethod.Check ? $"CHK {random.Next(10000, 99999)}" : $"REF{random.Next(100000, 999999)}");
        db.Payments.Add(payment);
        db.Journals.Add(Postings.ReceivePayment(payment, now));
        var (allocation, journal) = Postings.Allocate(payment, invoice, amount, receivedOn, now, "demo");
        db.Allocations.Add(allocation);
        db.Journals.Add(journal);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

public sealed class DemoSeedResult
{
    public int Customers { get; set; }
    public int Invoices { get; set; }
    public int Paid { get; set; }
    public int PartiallyPaid { get; set; }
    public int Disputed { get; set; }
    public int CreditMemos { get; set; }
}
