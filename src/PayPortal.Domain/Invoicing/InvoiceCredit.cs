namespace PayPortal.Domain.Invoicing;

/// <summary>A quantity of an invoice line to credit.</summary>
public sealed record LineCredit(int LineNo, decimal Quantity);

/// <summary>
/// Credit memos against a posted invoice, in full or by line. Never more than the invoice's total is
/// credited across all its memos (those by line and those given as one amount, e.g. for a dispute), and
/// a line never beyond its quantity. Line amounts are prorated on the running quantity, so crediting a
/// line piece by piece credits exactly its amount in the end, to the cent.
/// </summary>
public static class InvoiceCredit
{
    /// <summary>Everything not yet credited on the invoice: by line while all earlier credits were by line, else as one amount.</summary>
    public static CreditMemo Full(Invoice invoice, IReadOnlyList<CreditMemo> earlierMemos, string number, DateOnly on, string reason)
    {
        RequireCreditable(invoice, reason);
        var left = invoice.TotalMinor - earlierMemos.Sum(m => m.AmountMinor);
        if (left <= 0) throw new DomainRefusal($"Everything on invoice {invoice.Number} has already been credited.");
        if (earlierMemos.Any(m => m.Lines.Count == 0))
            return new CreditMemo(Customer(invoice), number, on, new Money(left, invoice.Currency), reason, invoice);
        var earlierLines = earlierMemos.SelectMany(m => m.Lines).ToList();
        var credits = invoice.Lines
            .Select(l => new LineCredit(l.LineNo, l.Quantity - earlierLines.Where(c => Credits(c, l)).Sum(c => c.Quantity)))
            .Where(c => c.Quantity > 0).ToList();
        return ForLines(invoice, credits, earlierMemos, number, on, reason);
    }

    public static CreditMemo ForLines(Invoice invoice, IReadOnlyList<LineCredit> credits, IReadOnlyList<CreditMemo> earlierMemos, string number, DateOnly on, string reason)
    {
        RequireCreditable(invoice, reason);
        if (credits.Count == 0) throw new DomainRefusal($"Everything on invoice {invoice.Number} has already been credited.");
        if (credits.GroupBy(c => c.LineNo).Any(g => g.Count() > 1)) throw new DomainRefusal("Each line can be named once per credit memo.");

        var earlierLines = earlierMemos.SelectMany(m => m.Lines).ToList();
        var memoLines = new List<CreditMemoLine>();
        foreach (var credit in credits)
        {
            var line = invoice.Lines.SingleOrDefault(l => l.LineNo == credit.LineNo)
                ?? throw new DomainRefusal($"Invoice {invoice.Number} has no line {credit.LineNo}.");
            var earlier = earlierLines.Where(c => Credits(c, line)).ToList();
            var quantityBefore = earlier.Sum(c => c.Quantity);
            var quantityLeft = line.Quantity - quantityBefore;
            if (credit.Quantity <= 0) throw new DomainRefusal($"Line {line.LineNo}: the quantity to credit must be above zero.");
            if (credit.Quantity > quantityLeft)
                throw new DomainRefusal($"Line {line.LineNo}: only {quantityLeft:0.####} of {line.Quantity:0.####} is left to credit.");
            // The amount credited so far follows the quantity credited so far; this credit is the difference.
            var amountAfter = (long)Math.Round(line.TotalMinor * (quantityBefore + credit.Quantity) / line.Quantity, 0, MidpointRounding.AwayFromZero);
            var amount = amountAfter - earlier.Sum(c => c.AmountMinor);
            if (amount > 0) memoLines.Add(new CreditMemoLine(line, credit.Quantity, amount));
        }
        var total = memoLines.Sum(l => l.AmountMinor);
        if (total <= 0) throw new DomainRefusal("The lines chosen come to nothing to credit.");
        var left = invoice.TotalMinor - earlierMemos.Sum(m => m.AmountMinor);
        if (total > left)
            throw new DomainRefusal($"Only {new Money(Math.Max(0, left), invoice.Currency)} of invoice {invoice.Number} is left to credit; these lines come to {new Money(total, invoice.Currency)}.");
        var memo = new CreditMemo(Customer(invoice), number, on, new Money(total, invoice.Currency), reason, invoice);
        memo.AddLines(memoLines);
        return memo;
    }

    private static void RequireCreditable(Invoice invoice, string reason)
    {
        if (!invoice.IsPosted) throw new DomainRefusal("A draft is changed, not credited.");
        if (invoice.Status == InvoiceStatus.Void) throw new DomainRefusal($"Invoice {invoice.Number} is void; there is nothing to credit.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("A credit memo needs a reason.");
    }

    private static Customers.Customer Customer(Invoice invoice) => invoice.Customer ?? throw new InvalidOperationException("Load the invoice's customer.");

    // Saved lines compare by id; lines made in this unit of work (id 0 until saved) by reference.
    private static bool Credits(CreditMemoLine credit, InvoiceLine line) =>
        line.Id != 0 ? credit.InvoiceLineId == line.Id : ReferenceEquals(credit.InvoiceLine, line);
}
