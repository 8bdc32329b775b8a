using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Imports;

/// <summary>
/// Imports posted invoices from another billing system: number,customer_number,issue_date,due_date,amount,currency,po_number.
/// Each becomes a posted invoice with one line for its total and its ledger journal. Posted invoices
/// are immutable: a number already present with the same values is skipped, with other values refused.
/// </summary>
public sealed class InvoiceCsvImport(PayPortalDbContext db)
{
    public static readonly string[] Columns = ["number", "customer_number", "issue_date", "due_date", "amount", "currency", "po_number"];
    public const string ImportedLineDescription = "Invoice total (imported)";

    private sealed record Parsed(int Line, string Number, Customer Customer, DateOnly IssueDate, DateOnly DueDate, Money Amount, string? PoNumber);

    public async Task<ImportResult> ImportAsync(Stream csv, CancellationToken ct = default)
    {
        var (rows, errors) = CsvFile.Read(csv, Columns);
        if (errors.Count > 0 && rows.Count == 0) return ImportResult.Failed(errors);

        var customerNumbers = rows.Select(r => r["customer_number"]).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var customers = new Dictionary<string, Customer>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in customerNumbers.Chunk(500))
        {
            foreach (var c in await db.Customers.Where(c => chunk.Contains(c.Number)).ToListAsync(ct)) customers[c.Number] = c;
        }

        var parsed = new List<Parsed>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var p = Parse(row, customers, errors);
            if (p is null) continue;
            if (seen.TryGetValue(p.Number, out var first)) errors.Add(new ImportError(row.Line, "number", $"invoice {p.Number} appears again (first on line {first})"));
            else
            {
                seen[p.Number] = row.Line;
                parsed.Add(p);
            }
        }
        if (errors.Count > 0) return ImportResult.Failed(errors, rows.Count);

        var existing = new Dictionary<string, Invoice>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in parsed.Select(p => p.Number).Chunk(500))
        {
            foreach (var i in await db.Invoices.AsNoTracking().Where(i => chunk.Contains(i.Number!)).ToListAsync(ct)) existing[i.Number!] = i;
        }

        int created = 0, unchanged = 0;
        var now = db.UtcNow;
        foreach (var p in parsed)
        {
            if (existing.TryGetValue(p.Number, out var present))
            {
                var differences = Differences(present, p);
                if (differences.Count == 0) unchanged++;
                else errors.Add(new ImportError(p.Line, differences[0], $"invoice {p.Number} is already posted with a different {string.Join(", ", differences)}; posted invoices cannot change (issue a credit memo or void it)"));
                continue;
            }
            var invoice = new Invoice(p.Customer, p.IssueDate, p.DueDate, p.PoNumber);
            invoice.AddLine(ImportedLineDescription, 1, p.Amount.Minor);
            db.Invoices.Add(invoice);
            db.Journals.Add(Postings.PostInvoice(invoice, p.Number, now));
            created++;
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ImportResult.Failed(errors, rows.Count);
        }
        using (db.Audit.Begin("invoice.import")) await db.SaveChangesAsync(ct);
        return new ImportResult(rows.Count, created, 0, unchanged, []);
    }

    private static List<string> Differences(Invoice present, Parsed p)
    {
        var fields = new List<string>();
        if (present.CustomerId != p.Customer.Id) fields.Add("customer_number");
        if (present.IssueDate != p.IssueDate) fields.Add("issue_date");
        if (present.DueDate != p.DueDate) fields.Add("due_date");
        if (present.TotalMinor != p.Amount.Minor) fields.Add("amount");
        if (present.CurrencyCode != p.Amount.Currency.Code) fields.Add("currency");
        if (present.PoNumber != p.PoNumber) fields.Add("po_number");
        return fields;
    }

    private static Parsed? Parse(CsvRow row, Dictionary<string, Customer> customers, List<ImportError> errors)
    {
        var before = errors.Count;
        void Error(string field, string message) => errors.Add(new ImportError(row.Line, field, message));
        foreach (var field in row.FieldsWithControlCharacters()) Error(field, "contains a line break or another control character");

        var number = row["number"];
        if (number.Length == 0) Error("number", "is required");
        else if (number.Length > 40) Error("number", "is longer than 40 characters");

        var customerNumber = row["customer_number"];
        customers.TryGetValue(customerNumber, out var customer);
        if (customerNumber.Length == 0) Error("customer_number", "is required");
        else if (customer is null) Error("customer_number", $"no customer {customerNumber} exists; import customers first");

        if (!CsvFile.TryDate(row["issue_date"], out var issue)) Error("issue_date", $"'{row["issue_date"]}' is not a date like 2026-03-31");
        if (!CsvFile.TryDate(row["due_date"], out var due)) Error("due_date", $"'{row["due_date"]}' is not a date like 2026-03-31");
        else if (errors.Count == before && due < issue) Error("due_date", $"{due:yyyy-MM-dd} is before the issue date {issue:yyyy-MM-dd}");

        Money amount = default;
        if (!Currency.TryParse(row["currency"], out var currency)) Error("currency", $"'{row["currency"]}' is not a supported ISO 4217 currency code");
        else
        {
            if (customer is not null && customer.CurrencyCode != currency.Value.Code)
                Error("currency", $"customer {customer.Number} is billed in {customer.CurrencyCode}, not {currency}");
            if (!Money.TryParse(row["amount"], currency.Value, out amount, out var problem)) Error("amount", problem!);
            else if (!amount.IsPositive) Error("amount", "must be more than zero (credits are credit memos)");
        }

        var po = row["po_number"];
        if (po.Length > 60) Error("po_number", "is longer than 60 characters");

        return errors.Count > before ? null : new Parsed(row.Line, number, customer!, issue, due, amount, po.Length == 0 ? null : po);
    }
}
