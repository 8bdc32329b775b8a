using System.Text;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Imports;
using PayPortal.Infrastructure.Ledger;

namespace PayPortal.Infrastructure.Tests;

public class ImportTests : IAsyncLifetime
{
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private const string Customers = """
        number,name,email,currency,terms_days,discount_percent,discount_days,credit_limit
        C-100,Acme Corp,ap@acme.test,USD,30,2,10,50000.00
        C-200,"Beta, Inc.",ap@beta.test;controller@beta.test,EUR,45,,,
        """;

    private const string Invoices = """
        number,customer_number,issue_date,due_date,amount,currency,po_number
        INV-1,C-100,2026-01-05,2026-02-04,1200.50,USD,PO-9
        INV-2,C-100,2026-02-01,2026-03-03,99.99,USD,
        INV-3,C-200,2026-02-10,2026-03-27,5000,EUR,PO-77
        """;

    private async Task<ImportResult> ImportCustomers(string csv)
    {
        await using var scope = _db.Scope();
        return await scope.Get<CustomerCsvImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
    }

    private async Task<ImportResult> ImportInvoices(string csv)
    {
        await using var scope = _db.Scope();
        return await scope.Get<InvoiceCsvImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
    }

    private async Task<(long Customers, long Invoices, long Entries)> Counts() =>
        ((long)(await _db.ScalarAsync("SELECT COUNT(*) FROM Customers"))!,
         (long)(await _db.ScalarAsync("SELECT COUNT(*) FROM Invoices"))!,
         (long)(await _db.ScalarAsync("SELECT COUNT(*) FROM LedgerEntries"))!);

    [Fact]
    public async Task Customers_import_creates_accounts_with_terms_and_limits()
    {
        var result = await ImportCustomers(Customers);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((2, 2, 0, 0), (result.Rows, result.Created, result.Updated, result.Unchanged));
        await using var scope = _db.Scope();
        var acme = await scope.Db.Customers.SingleAsync(c => c.Number == "C-100");
        Assert.Equal("2/10 Net 30", acme.Terms.ToString());
        Assert.Equal(50000_00, acme.CreditLimitMinor);
        var beta = await scope.Db.Customers.SingleAsync(c => c.Number == "C-200");
        Assert.Equal(["ap@beta.test", "controller@beta.test"], beta.BillingEmailList);
        Assert.Null(beta.CreditLimitMinor);
    }

    [Fact]
    public async Task Reimporting_the_same_customers_changes_nothing_and_a_changed_row_updates_with_an_audit_record()
    {
        await ImportCustomers(Customers);
        var again = await ImportCustomers(Customers);
        Assert.Equal((0, 0, 2), (again.Created, again.Updated, again.Unchanged));

        var changed = await ImportCustomers(Customers.Replace("Acme Corp", "Acme Corporation").Replace("50000.00", "75000"));
        Assert.Equal((0, 1, 1), (changed.Created, changed.Updated, changed.Unchanged));
        Assert.Equal(2L, await _db.ScalarAsync("SELECT COUNT(*) FROM Customers"));
        var audit = (string)(await _db.ScalarAsync("SELECT Changes FROM AuditEvents WHERE Action = 'customer.import' AND Changes LIKE '%Acme Corporation%'"))!;
        Assert.Contains("\"CreditLimitMinor\":[5000000,7500000]", audit);
    }

    [Theory]
    [InlineData("C-1,,a@b.test,USD,30,,,", "line 2, field 'name': is required")]
    [InlineData("C-1,A,not-an-email,USD,30,,,", "line 2, field 'email': 'not-an-email' is not an email address")]
    [InlineData("C-1,A,a@b.test,XYZ,30,,,", "line 2, field 'currency': 'XYZ' is not a supported ISO 4217 currency code")]
    [InlineData("C-1,A,a@b.test,USD,thirty,,,", "line 2, field 'terms_days'")]
    [InlineData("C-1,A,a@b.test,USD,30,2,,", "line 2, field 'discount_days': an early-payment discount needs both")]
    [InlineData("C-1,A,a@b.test,USD,30,2,40,", "line 2, field 'discount_days': the discount period (40 days) is longer than the terms (30 days)")]
    [InlineData("C-1,A,a@b.test,USD,30,,,12.345", "line 2, field 'credit_limit': '12.345' has more than 2 decimals for USD")]
    [InlineData("C-1,A,a@b.test,USD,30,,", "line 2: has 7 fields, expected 8")]
    public async Task A_bad_customer_row_rejects_the_whole_file_naming_line_and_field(string badRow, string expected)
    {
        var csv = $"number,name,email,currency,terms_days,discount_percent,discount_days,credit_limit\n{badRow}\nC-2,Good,g@good.test,USD,30,,,\n";
        var result = await ImportCustomers(csv);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.ToString().Contains(expected));
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM Customers"));
    }

    [Fact]
    public async Task A_header_with_missing_or_unknown_columns_is_refused()
    {
        var result = await ImportCustomers("number,name,mail,currency,terms_days,discount_percent,discount_days,credit_limit\nC-1,A,a@b.test,USD,30,,,\n");
        Assert.Contains(result.Errors, e => e.Line == 1 && e.Message.Contains("lacks column(s) email"));
        Assert.Contains(result.Errors, e => e.Line == 1 && e.Message.Contains("unknown column(s) mail"));
    }

    [Fact]
    public async Task A_customer_cannot_change_currency_by_import()
    {
        await ImportCustomers(Customers);
        var audited = await _db.ScalarAsync("SELECT COUNT(*) FROM AuditEvents");
        var result = await ImportCustomers(Customers.Replace("ap@acme.test,USD", "ap@acme.test,EUR"));
        Assert.Contains(result.Errors, e => e.ToString() == "line 2, field 'currency': customer C-100 is billed in USD; its currency cannot change to EUR");
        Assert.Equal("USD", await _db.ScalarAsync("SELECT CurrencyCode FROM Customers WHERE Number = 'C-100'"));
        Assert.Equal(audited, await _db.ScalarAsync("SELECT COUNT(*) FROM AuditEvents"));
    }

    [Fact]
    public async Task Invoices_import_posts_each_invoice_to_the_ledger()
    {
        await ImportCustomers(Customers);
        var result = await ImportInvoices(Invoices);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(3, result.Created);

        await using var scope = _db.Scope();
        var invoice = await scope.Db.Invoices.Include(i => i.Lines).SingleAsync(i => i.Number == "INV-1");
        Assert.Equal((120050L, 120050L, InvoiceStatus.Open, "PO-9"), (invoice.TotalMinor, invoice.OpenMinor, invoice.Status, invoice.PoNumber));
        Assert.Equal(new DateOnly(2026, 1, 15), invoice.DiscountDeadline); // 2/10 from the issue date
        Assert.Equal(InvoiceCsvImport.ImportedLineDescription, Assert.Single(invoice.Lines).Description);
        Assert.Equal(120050L, await _db.ScalarAsync($"SELECT SUM(AmountMinor) FROM LedgerEntries WHERE InvoiceId = {invoice.Id} AND Account = 1"));
        Assert.True((await scope.Get<LedgerConsistencyCheck>().RunAsync()).IsConsistent);
    }

    [Fact]
    public async Task Reimporting_invoices_does_not_duplicate_and_a_changed_posted_invoice_is_refused()
    {
        await ImportCustomers(Customers);
        await ImportInvoices(Invoices);
        var before = await Counts();
        var again = await ImportInvoices(Invoices);
        Assert.Equal((0, 3), (again.Created, again.Unchanged));
        Assert.Equal(before, await Counts());

        var changed = await ImportInvoices(Invoices.Replace("1200.50", "1300.00"));
        Assert.Contains(changed.Errors, e => e.ToString().StartsWith("line 2, field 'amount': invoice INV-1 is already posted with a different amount"));
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Numbers_differing_only_in_letter_case_are_the_same_record()
    {
        await ImportCustomers(Customers);
        await ImportInvoices(Invoices);
        var before = await Counts();
        var customers = await ImportCustomers(Customers.Replace("C-100,Acme", "c-100,Acme"));
        Assert.Equal((0, 2), (customers.Created, customers.Unchanged));
        var invoices = await ImportInvoices(Invoices.Replace("INV-1,", "inv-1,"));
        Assert.Equal((0, 3), (invoices.Created, invoices.Unchanged));
        var conflicting = await ImportInvoices(Invoices.Replace("INV-1,C-100,2026-01-05,2026-02-04,1200.50", "inv-1,C-100,2026-01-05,2026-02-04,1.00"));
        Assert.Contains(conflicting.Errors, e => e.Field == "amount" && e.Message.Contains("already posted"));
        Assert.Equal(before, await Counts());
    }

    [Theory]
    [InlineData("INV-9,C-999,2026-01-01,2026-01-31,10.00,USD,", "field 'customer_number': no customer C-999 exists")]
    [InlineData("INV-9,C-100,2026-01-01,2026-01-31,10.00,EUR,", "field 'currency': customer C-100 is billed in USD, not EUR")]
    [InlineData("INV-9,C-100,01/02/2026,2026-01-31,10.00,USD,", "field 'issue_date': '01/02/2026' is not a date like 2026-03-31")]
    [InlineData("INV-9,C-100,2026-02-01,2026-01-31,10.00,USD,", "field 'due_date': 2026-01-31 is before the issue date 2026-02-01")]
    [InlineData("INV-9,C-100,2026-01-01,2026-01-31,1.005,USD,", "field 'amount': '1.005' has more than 2 decimals for USD")]
    [InlineData("INV-9,C-100,2026-01-01,2026-01-31,-5,USD,", "field 'amount': must be more than zero")]
    [InlineData("INV-9,C-100,2026-01-01,2026-01-31,\"1,000.00\",USD,", "field 'amount': '1,000.00' is not a decimal amount")]
    [InlineData("INV-1,C-100,2026-01-01,2026-01-31,10.00,USD,", "field 'number': invoice INV-1 appears again (first on line 2)")]
    public async Task A_bad_invoice_row_rejects_the_whole_file_and_changes_nothing(string badRow, string expected)
    {
        await ImportCustomers(Customers);
        var before = await Counts();
        var csv = $"number,customer_number,issue_date,due_date,amount,currency,po_number\nINV-1,C-100,2026-01-05,2026-02-04,1200.50,USD,\n{badRow}\n";
        var result = await ImportInvoices(csv);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.ToString() is var s && s.StartsWith("line 3") && s.Contains(expected));
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task A_byte_that_is_not_utf8_is_reported_on_its_own_line()
    {
        await using var scope = _db.Scope();
        var csv = Encoding.UTF8.GetBytes("number,name,email,currency,terms_days,discount_percent,discount_days,credit_limit\nC-1,Good,a@b.test,USD,30,,,\nC-2,Bad ")
            .Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes(",a@b.test,USD,30,,,\n")).ToArray();
        var result = await scope.Get<CustomerCsvImport>().ImportAsync(new MemoryStream(csv));
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 3: is not valid UTF-8 text (save the file as UTF-8)", error.ToString());
        Assert.Equal(0L, await _db.ScalarAsync("SELECT COUNT(*) FROM Customers"));
    }

    [Fact]
    public async Task A_line_break_inside_a_name_is_refused()
    {
        var result = await ImportCustomers("number,name,email,currency,terms_days,discount_percent,discount_days,credit_limit\nC-1,\"Acme\nCorp\",a@b.test,USD,30,,,\n");
        Assert.Contains(result.Errors, e => e.ToString() == "line 2, field 'name': contains a line break or another control character");
    }

    [Fact]
    public async Task A_file_that_is_not_csv_or_empty_is_refused_with_its_line()
    {
        var unclosed = await ImportInvoices("number,customer_number,issue_date,due_date,amount,currency,po_number\n\"INV-1,C-100,2026-01-05,2026-02-04,1.00,USD,\n");
        Assert.Contains(unclosed.Errors, e => e.Line == 2 && e.Message.Contains("never closed"));
        Assert.Contains((await ImportInvoices("")).Errors, e => e.Message.Contains("the file is empty"));
    }
}
