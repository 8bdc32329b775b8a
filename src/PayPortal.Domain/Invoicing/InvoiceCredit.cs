namespace PayPortal.Domain.Invoicing;

/// <summary>A quantity of an invoice line to credit.</summary>
public sealed record LineCredit(int LineNo, decimal Quantity);

/// <summary>
/// Credit memos against a posted invoice, in full or by line. A line is never credited beyond its
/// quantity across all memos; crediting the last of a line credits exactly what is left of its amount,
/// so a fully credited invoice is credited its total to the cent.
/// </summary>
public static class InvoiceCredit
{
    /// <summary>Everything not yet credited on the invoice.</summary>
    public static CreditMemo Full(Invoice invoice, IReadOnlyList<CreditMemoLine> earlierCredits, string number, DateOnly on, string reason) =>
        ForLines(invoice, invoice.Lines
            .Select(l => new LineCredit(l.LineNo, l.Quantity - earlierCredits.Where(c => Credits(c, l)).Sum(c => c.Quantity)))
            .Where(c => c.Quantity > 0).ToList(), earlierCredits, number, on, reason);

    public static CreditMemo ForLines(Invoice invoice, IReadOnlyList<LineCredit> credits, IReadOnlyList<CreditMemoLine> earlierCredits, string number, DateOnly on, string reason)
    {
        if (!invoice.IsPosted) throw new InvalidOperationException("A draft is changed, not credited.");
        if (invoice.Status == InvoiceStatus.Void) throw new InvalidOperationException($"Invoice {invoice.Number} is void; there is nothing to credit.");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A credit memo needs a reason.", nameof(reason));
        if (credits.Count == 0) throw new InvalidOperationException($"Everything on invoice {invoice.Number} has already been credited.");
        if (credits.GroupBy(c => c.LineNo).Any(g => g.Count() > 1)) throw new ArgumentException("Each line can be named once per credit memo.", nameof(credits));

        var memoLines = new List<CreditMemoLine>();
        foreach (var credit in credits)
        {
            var line = invoice.Lines.SingleOrDefault(l => l.LineNo == credit.LineNo)
                ?? throw new ArgumentException($"Invoice {invoice.Number} has no line {credit.LineNo}.", nameof(credits));
            var earlier = earlierCredits.Where(c => Credits(c, line)).ToList();
            var quantityLeft = line.Quantity - earlier.Sum(c => c.Quantity);
            if (credit.Quantity <= 0) throw new ArgumentOutOfRangeException(nameof(credits), $"Line {line.LineNo}: the quantity to credit must be above zero.");
            if (credit.Quantity > quantityLeft)
                throw new ArgumentOutOfRangeException(nameof(credits), $"Line {line.LineNo}: only {quantityLeft:0.####} of {line.Quantity:0.####} is left to credit.");
            var amount = credit.Quantity == quantityLeft
                ? line.TotalMinor - earlier.Sum(c => c.AmountMinor)
                : (long)Math.Round(line.TotalMinor * credit.Quantity / line.Quantity, 0, MidpointRounding.AwayFromZero);
            if (amount > 0) memoLines.Add(new CreditMemoLine(line, credit.Quantity, amount));
        }
        var total = memoLines.Sum(l => l.AmountMinor);
        if (total <= 0) throw new InvalidOperationException("The lines chosen come to nothing to credit.");
        var memo = new CreditMemo(invoice.Customer ?? throw new InvalidOperationException("Load the invoice's customer."), number, on,
            new Money(total, invoice.Currency), reason, invoice);
        memo.AddLines(memoLines);
        return memo;
    }

    // Saved lines compare by id; lines made in this unit of work (id 0 until saved) by reference.
    private static bool Credits(CreditMemoLine credit, InvoiceLine line) =>
        line.Id != 0 ? credit.InvoiceLineId == line.Id : ReferenceEquals(credit.InvoiceLine, line);
}
