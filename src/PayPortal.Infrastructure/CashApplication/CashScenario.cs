using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Infrastructure.Adapters.BankFiles;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.CashApplication;

/// <summary>What a generated line really pays: invoice numbers and cash (empty when it pays no invoice).</summary>
public sealed record TrueAllocation(string InvoiceNumber, long CashMinor);

public sealed record ScenarioLine(CamtEntry Entry, string Case, IReadOnlyList<TrueAllocation> Truth);

/// <summary>
/// A labelled cash-application scenario over the open invoices in the database: a camt.053 file of
/// customer payments written the messy ways customers write them, in realistic proportions, and the
/// true allocation of every line. Deterministic for a seed. Each invoice is paid by at most one line.
/// </summary>
public sealed class CashScenario(PayPortalDbContext db)
{
    // Share of lines per case (sums to 1): most remittances name their invoice; the rest are the work.
    private static readonly (string Case, double Share)[] Mix =
    [
        ("exact", 0.54), ("several", 0.08), ("discount", 0.06), ("typo", 0.06), ("payer-only", 0.10), ("short-fee", 0.025),
        ("short-deduction", 0.025), ("overpaid", 0.03), ("unknown-payer", 0.03), ("stripe-payout", 0.03), ("no-information", 0.02),
    ];

    private sealed record Open(long Id, string Number, long CustomerId, long OpenMinor, decimal DiscountPercent, DateOnly? DiscountDeadline, DateOnly DueDate);

    public async Task<IReadOnlyList<ScenarioLine>> GenerateAsync(int lines, int seed, DateOnly bookingDate, CancellationToken ct = default)
    {
        var random = new Random(seed);
        var open = await db.Invoices.AsNoTracking().Where(i => i.OpenMinor > 0 && i.OpenMinor == i.TotalMinor && i.DisputedMinor == 0 && i.CurrencyCode == "USD")
            .Select(i => new Open(i.Id, i.Number!, i.CustomerId, i.OpenMinor, i.DiscountPercent, i.DiscountDeadline, i.DueDate)).ToListAsync(ct);
        var names = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        if (open.Count < lines * 2) throw new DomainRefusal($"The scenario needs at least {lines * 2:N0} untouched open USD invoices; there are {open.Count:N0} (seed bulk --all-open).");

        var used = new HashSet<long>();
        var byCustomer = open.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.OrderBy(o => o.DueDate).ThenBy(o => o.Id).ToList());
        var customerIds = byCustomer.Keys.Order().ToArray();
        var discountable = open.Where(o => o.DiscountDeadline is { } d && d >= bookingDate && o.DiscountPercent > 0).ToList();
        Open Pick(List<Open>? from = null)
        {
            var pool = from ?? open;
            for (var tries = 0; tries < 1000; tries++)
            {
                var item = pool[random.Next(pool.Count)];
                if (used.Add(item.Id)) return item;
            }
            throw new DomainRefusal("The scenario ran out of unused invoices.");
        }
        string Payer(long customerId) => random.Next(4) switch
        {
            0 => names[customerId].ToUpperInvariant(),
            1 => string.Join(' ', names[customerId].Split(' ').SkipLast(1)), // without "Inc." or "LLC"
            _ => names[customerId],
        };
        string Written(string number)
        {
            var digits = number[(number.LastIndexOf('-') + 1)..];
            return random.Next(6) switch
            {
                0 => $"INVOICE {number}",
                1 => $"inv {digits.TrimStart('0')}",
                2 => $"Payment for {number.ToLowerInvariant()}",
                3 => $"{digits} thank you",
                4 => $"RE: {number.Replace("-", " ")}",
                _ => number,
            };
        }

        var result = new List<ScenarioLine>(lines);
        var cumulative = Mix.Select((m, i) => (m.Case, Upper: Mix.Take(i + 1).Sum(x => x.Share))).ToList();
        for (var n = 0; n < lines; n++)
        {
            var reference = $"SCN{seed}-{n + 1:D7}";
            var roll = random.NextDouble();
            var kind = cumulative.First(c => roll < c.Upper || c.Case == cumulative[^1].Case).Case;
            if (kind == "discount" && discountable.Count(d => !used.Contains(d.Id)) < 10) kind = "exact";
            ScenarioLine line;
            switch (kind)
            {
                case "exact":
                {
                    var item = Pick();
                    var structured = random.Next(5) == 0;
                    line = new(new(reference, bookingDate, item.OpenMinor, true, Payer(item.CustomerId), null, structured ? "PAYMENT" : Written(item.Number),
                        CreditorReference: structured ? item.Number : null), kind, [new(item.Number, item.OpenMinor)]);
                    break;
                }
                case "several":
                {
                    var first = Pick();
                    var more = byCustomer[first.CustomerId].Where(o => !used.Contains(o.Id)).Take(random.Next(1, 3)).ToList();
                    foreach (var m in more) used.Add(m.Id);
                    var items = more.Prepend(first).ToList();
                    line = new(new(reference, bookingDate, items.Sum(i => i.OpenMinor), true, Payer(first.CustomerId), null,
                        "Invoices " + string.Join(", ", items.Select(i => i.Number))), kind, items.Select(i => new TrueAllocation(i.Number, i.OpenMinor)).ToList());
                    break;
                }
                case "discount":
                {
                    var item = Pick(discountable);
                    var cash = item.OpenMinor - new Money(item.OpenMinor, Currency.USD).Percent(item.DiscountPercent).Minor;
                    line = new(new(reference, bookingDate, cash, true, Payer(item.CustomerId), null, $"{Written(item.Number)} less {item.DiscountPercent:0}% early payment"),
                        kind, [new(item.Number, cash)]);
                    break;
                }
                case "typo":
                {
                    var item = Pick();
                    line = new(new(reference, bookingDate, item.OpenMinor, true, Payer(item.CustomerId), null, $"Invoice {Typo(item.Number, random)}"), kind, [new(item.Number, item.OpenMinor)]);
                    break;
                }
                case "payer-only":
                {
                    // A customer paying its oldest open invoice without saying which (one no other line pays).
                    var customer = customerIds[random.Next(customerIds.Length)];
                    for (var tries = 0; used.Contains(byCustomer[customer][0].Id) && tries < 100; tries++) customer = customerIds[random.Next(customerIds.Length)];
                    var oldest = byCustomer[customer][0];
                    if (!used.Add(oldest.Id)) goto case "exact";
                    var name = random.Next(3) == 0 ? Misspell(names[customer], random) : Payer(customer);
                    line = new(new(reference, bookingDate, oldest.OpenMinor, true, name, null, "MONTHLY PAYMENT"), kind, [new(oldest.Number, oldest.OpenMinor)]);
                    break;
                }
                case "short-fee":
                case "short-deduction":
                {
                    var item = Pick();
                    var shortBy = kind == "short-fee" ? random.Next(5_00, 25_00) : Math.Max(50_01, item.OpenMinor * random.Next(10, 30) / 100);
                    if (shortBy >= item.OpenMinor) shortBy = item.OpenMinor / 2;
                    var cash = item.OpenMinor - shortBy;
                    line = new(new(reference, bookingDate, cash, true, Payer(item.CustomerId), null, Written(item.Number)), kind, [new(item.Number, cash)]);
                    break;
                }
                case "overpaid":
                {
                    var item = Pick();
                    line = new(new(reference, bookingDate, item.OpenMinor + random.Next(1_00, 100_00), true, Payer(item.CustomerId), null, Written(item.Number)),
                        kind, [new(item.Number, item.OpenMinor)]);
                    break;
                }
                case "unknown-payer":
                    line = new(new(reference, bookingDate, random.Next(10_00, 5_000_00), true, random.Next(2) == 0 ? "INTEREST CREDIT" : "TAX REFUND IRS TREAS 310", null, "CREDIT"), kind, []);
                    break;
                case "stripe-payout":
                    line = new(new(reference, bookingDate, random.Next(100_00, 20_000_00), true, "STRIPE", null, $"STRIPE PAYOUT po_{random.Next():x}"), kind, []);
                    break;
                default:
                    line = new(new(reference, bookingDate, random.Next(10_00, 5_000_00), true, null, null, "DEPOSIT"), kind, []);
                    break;
            }
            result.Add(line);
        }
        return result;
    }

    /// <summary>The truth as CSV: bank_reference, case, invoice_number, applied_amount (one row per allocation; lines paying no invoice have an empty number).</summary>
    public static void WriteTruth(string path, IReadOnlyList<ScenarioLine> lines)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("bank_reference,case,invoice_number,applied_amount");
        foreach (var line in lines)
        {
            if (line.Truth.Count == 0) writer.WriteLine($"{line.Entry.AccountServicerReference},{line.Case},,");
            foreach (var t in line.Truth)
                writer.WriteLine($"{line.Entry.AccountServicerReference},{line.Case},{t.InvoiceNumber},{(t.CashMinor / 100m).ToString("0.00", CultureInfo.InvariantCulture)}");
        }
    }

    private static string Typo(string number, Random random)
    {
        var chars = number.ToCharArray();
        var digits = Enumerable.Range(0, chars.Length).Where(i => char.IsAsciiDigit(chars[i])).ToList();
        // Mistype a significant digit (not a leading zero, which a reader drops anyway).
        var significant = digits.SkipWhile(i => chars[i] == '0').ToList();
        if (significant.Count >= 2 && random.Next(2) == 0)
        {
            var at = random.Next(significant.Count - 1);
            var (a, b) = (significant[at], significant[at + 1]);
            if (chars[a] != chars[b])
            {
                (chars[a], chars[b]) = (chars[b], chars[a]);
                return new string(chars);
            }
        }
        var i = significant[random.Next(significant.Count)];
        chars[i] = (char)('0' + (chars[i] - '0' + random.Next(1, 9)) % 10);
        if (i == significant[0] && chars[i] == '0') chars[i] = '9';
        return new string(chars);
    }

    private static string Misspell(string name, Random random)
    {
        var words = name.Split(' ').SkipLast(1).ToArray();
        var w = random.Next(words.Length);
        if (words[w].Length > 5) words[w] = words[w].Remove(random.Next(4, words[w].Length), 1); // a letter dropped after the first four
        return string.Join(' ', words);
    }
}
