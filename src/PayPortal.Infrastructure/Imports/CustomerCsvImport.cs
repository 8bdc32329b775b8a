using Microsoft.EntityFrameworkCore;
using PayPortal.Domain;
using PayPortal.Domain.Customers;
using PayPortal.Infrastructure.Data;

namespace PayPortal.Infrastructure.Imports;

/// <summary>
/// Imports customer accounts from CSV:
/// number,name,email,currency,terms_days,discount_percent,discount_days,credit_limit.
/// An existing number is updated in place (its currency may not change); an identical row changes nothing.
/// </summary>
public sealed class CustomerCsvImport(PayPortalDbContext db)
{
    public static readonly string[] Columns = ["number", "name", "email", "currency", "terms_days", "discount_percent", "discount_days", "credit_limit"];

    private sealed record Parsed(int Line, string Number, string Name, string[] Emails, Currency Currency, PaymentTerms Terms, long? CreditLimitMinor);

    public async Task<ImportResult> ImportAsync(Stream csv, CancellationToken ct = default)
    {
        var (rows, errors) = CsvFile.Read(csv, Columns);
        var parsed = new List<Parsed>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var p = Parse(row, errors);
            if (p is null) continue;
            if (seen.TryGetValue(p.Number, out var first))
                errors.Add(new ImportError(row.Line, "number", $"customer {p.Number} appears again (first on line {first})"));
            else
            {
                seen[p.Number] = row.Line;
                parsed.Add(p);
            }
        }
        if (errors.Count > 0) return ImportResult.Failed(errors, rows.Count);

        var numbers = parsed.Select(p => p.Number).ToList();
        var existing = new Dictionary<string, Customer>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in numbers.Chunk(500))
        {
            foreach (var c in await db.Customers.Where(c => chunk.Contains(c.Number)).ToListAsync(ct)) existing[c.Number] = c;
        }

        int created = 0, updated = 0, unchanged = 0;
        foreach (var p in parsed)
        {
            if (!existing.TryGetValue(p.Number, out var customer))
            {
                var fresh = new Customer(p.Number, p.Name, p.Currency, p.Terms, p.Emails) { CreditLimitMinor = p.CreditLimitMinor, CreatedAt = db.UtcNow };
                db.Customers.Add(fresh);
                created++;
                continue;
            }
            if (customer.CurrencyCode != p.Currency.Code)
            {
                errors.Add(new ImportError(p.Line, "currency", $"customer {p.Number} is billed in {customer.CurrencyCode}; its currency cannot change to {p.Currency}"));
                continue;
            }
            customer.Name = p.Name;
            customer.SetBillingEmails(p.Emails);
            customer.SetTerms(p.Terms);
            customer.CreditLimitMinor = p.CreditLimitMinor;
            if (db.Entry(customer).Properties.Any(x => x.IsModified && !Equals(x.OriginalValue, x.CurrentValue))) updated++;
            else unchanged++;
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ImportResult.Failed(errors, rows.Count);
        }
        using (db.Audit.Begin("customer.import")) await db.SaveChangesAsync(ct);
        return new ImportResult(rows.Count, created, updated, unchanged, []);
    }

    private static Parsed? Parse(CsvRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        void Error(string field, string message) => errors.Add(new ImportError(row.Line, field, message));
        foreach (var field in row.FieldsWithControlCharacters()) Error(field, "contains a line break or another control character");

        var number = row["number"];
        if (number.Length == 0) Error("number", "is required");
        else if (number.Length > 32) Error("number", "is longer than 32 characters");
        var name = row["name"];
        if (name.Length == 0) Error("name", "is required");
        else if (name.Length > 200) Error("name", "is longer than 200 characters");

        var emails = row["email"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (emails.Length == 0) Error("email", "is required (several addresses are separated by ';')");
        foreach (var bad in emails.Where(e => !EmailAddress.IsValid(e))) Error("email", $"'{bad}' is not an email address");

        if (!Currency.TryParse(row["currency"], out var currency)) Error("currency", $"'{row["currency"]}' is not a supported ISO 4217 currency code");

        if (!CsvFile.TryInt(row["terms_days"], out var termsDays) || termsDays > 3650) Error("terms_days", $"'{row["terms_days"]}' is not a number of days from 0 to 3650");

        decimal discountPercent = 0;
        var discountDays = 0;
        var percentText = row["discount_percent"];
        var daysText = row["discount_days"];
        if (percentText.Length > 0 && (!CsvFile.TryDecimal(percentText, out discountPercent) || discountPercent >= 100 || decimal.Round(discountPercent, 2) != discountPercent))
            Error("discount_percent", $"'{percentText}' is not a percent below 100 with at most two decimals");
        if (daysText.Length > 0 && !CsvFile.TryInt(daysText, out discountDays))
            Error("discount_days", $"'{daysText}' is not a whole number of days");
        if (errors.Count == before && (discountPercent > 0) != (discountDays > 0))
            Error(discountPercent > 0 ? "discount_days" : "discount_percent", "an early-payment discount needs both discount_percent and discount_days");
        if (errors.Count == before && discountDays > termsDays)
            Error("discount_days", $"the discount period ({discountDays} days) is longer than the terms ({termsDays} days)");

        long? creditLimit = null;
        if (row["credit_limit"].Length > 0 && currency is { } c)
        {
            if (!Money.TryParse(row["credit_limit"], c, out var limit, out var problem)) Error("credit_limit", problem!);
            else if (limit.IsNegative) Error("credit_limit", "cannot be negative");
            else creditLimit = limit.Minor;
        }

        return errors.Count > before
            ? null
            : new Parsed(row.Line, number, name, emails, currency!.Value, new PaymentTerms(termsDays, discountPercent, discountDays), creditLimit);
    }
}
