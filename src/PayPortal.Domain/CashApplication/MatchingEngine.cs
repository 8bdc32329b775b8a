namespace PayPortal.Domain.CashApplication;

/// <summary>Where the engine's thresholds sit; see <see cref="MatchingEngine"/> for what earns which confidence.</summary>
public sealed record MatchOptions(double AutoApplyConfidence = 0.9, int SubsetSearchItems = 12, int SubsetSearchNodes = 20_000, long BankFeeToleranceMinor = 50_00);

/// <summary>
/// Proposes how to apply each bank credit, deterministically and with its reasons:
/// <list type="number">
/// <item>Invoice numbers in the remittance or structured references (prefixes, separators and leading
/// zeros ignored; one mistyped or swapped digit tolerated), checked against the amount: the open amounts
/// exactly (0.99), after the early-payment discount (0.97), a subset of the numbers (0.90), an overpayment
/// with the rest on account (0.90), a short pay by a bank fee (0.91), or a larger deduction from a payer
/// recognised as the invoice's customer (0.90, else 0.75). A number read through one typo counts only when
/// its amount agrees exactly (0.94); so does a number of another customer than the recognised payer.</item>
/// <item>Otherwise the payer: by bank account or a name learned from earlier applications (exact), or
/// by name (fuzzy); then the customer's open invoices whose amounts add up exactly to the payment,
/// oldest first (0.93 when that is the only way, 0.80 when several are).</item>
/// <item>A Stripe payout is recognised and left to the card payments it settles.</item>
/// </list>
/// Money applied is taken off the open amounts it knows, so two lines never pay the same amount twice.
/// </summary>
public sealed class MatchingEngine
{
    private readonly MatchOptions _options;
    private readonly Dictionary<long, OpenItem> _items = [];
    private readonly Dictionary<long, long> _open = [];
    private readonly Dictionary<string, List<long>> _byNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<long>> _byCustomer = [];
    private readonly Dictionary<string, long> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguous = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long Customer, string Key)>> _byToken = new(StringComparer.Ordinal);

    public MatchingEngine(IEnumerable<OpenItem> items, IEnumerable<PayerProfile> payers, MatchOptions? options = null)
    {
        _options = options ?? new MatchOptions();
        foreach (var item in items)
        {
            if (item.OpenMinor <= 0) continue;
            _items[item.InvoiceId] = item;
            _open[item.InvoiceId] = item.OpenMinor;
            if (Normalize.NumberKey(item.Number) is { } key) Add(_byNumber, key, item.InvoiceId);
            Add(_byCustomer, item.CustomerId, item.InvoiceId);
        }
        foreach (var list in _byCustomer.Values) list.Sort((a, b) => _items[a].DueDate.CompareTo(_items[b].DueDate) is var c && c != 0 ? c : a.CompareTo(b));
        foreach (var payer in payers)
        {
            foreach (var account in payer.Accounts) _byAccount[Normalize.AccountKey(account)] = payer.CustomerId;
            foreach (var name in payer.Aliases.Prepend(payer.Name))
            {
                var key = Normalize.NameKey(name);
                if (key.Length == 0) continue;
                // A name two customers share (they differ only by legal form, say) identifies neither.
                if (_byName.TryGetValue(key, out var other) && other != payer.CustomerId) _ambiguous.Add(key);
                else _byName[key] = payer.CustomerId;
                // Indexed by each word's first four letters (a misspelt ending still finds the name), and by
                // pairs of neighbouring words, which narrow thousands of similar names to a handful.
                foreach (var stem in Stems(key)) Add(_byToken, stem, (payer.CustomerId, key));
            }
        }
    }

    /// <summary>What is still open on an invoice, as this engine knows it.</summary>
    public long OpenOf(long invoiceId) => _open.GetValueOrDefault(invoiceId);

    /// <summary>Takes money applied (cash and discount) off the invoice, so later lines see what is left.</summary>
    public void Consume(long invoiceId, long amountMinor)
    {
        if (_open.TryGetValue(invoiceId, out var open)) _open[invoiceId] = Math.Max(0, open - amountMinor);
    }

    /// <summary>Proposals for one credit. Only reads the engine: several lines may be matched at once, but not while <see cref="Consume"/> runs.</summary>
    public MatchResult Match(BankCredit line)
    {
        if (IsStripePayout(line)) return new(LineKind.StripePayout, []);
        var proposals = new List<Proposal>();
        var (payer, payerReason, payerExact) = IdentifyPayer(line);

        var numbered = FindNumbers(line);
        if (numbered.Count > 0) proposals.AddRange(ByNumbers(line, numbered, payer));
        if (payer is { } customer && proposals.All(p => p.Confidence < _options.AutoApplyConfidence))
            proposals.AddRange(ByCustomer(line, customer, payerReason, payerExact));

        return new(LineKind.Customer, proposals
            .GroupBy(p => string.Join(",", p.Allocations.Select(a => $"{a.InvoiceId}:{a.CashMinor}:{a.DiscountMinor}")) + $"|{p.CustomerId}|{p.OnAccountMinor}")
            .Select(g => g.OrderByDescending(p => p.Confidence).First())
            .OrderByDescending(p => p.Confidence).ThenBy(p => p.Rule, StringComparer.Ordinal).Take(5).ToList());
    }

    private static bool IsStripePayout(BankCredit line)
    {
        var text = $"{line.PayerName} {line.Text}";
        return text.Contains("STRIPE", StringComparison.OrdinalIgnoreCase)
            && (text.Contains("PAYOUT", StringComparison.OrdinalIgnoreCase) || text.Contains("TRANSFER", StringComparison.OrdinalIgnoreCase) || text.Contains("STRIPE PAYMENTS", StringComparison.OrdinalIgnoreCase));
    }

    private (long? Customer, string Reason, bool Exact) IdentifyPayer(BankCredit line)
    {
        if (line.PayerAccount is { Length: > 0 } account && _byAccount.TryGetValue(Normalize.AccountKey(account), out var byAccount))
            return (byAccount, $"payer account {account} is known", true);
        var key = Normalize.NameKey(line.PayerName);
        if (key.Length == 0) return (null, "", false);
        if (_ambiguous.Contains(key)) return (null, "", false);
        if (_byName.TryGetValue(key, out var byName)) return (byName, $"payer name \"{line.PayerName}\" is known", true);
        (long Customer, string Key, double Score) best = (0, "", 0);
        var stems = Stems(key).ToList();
        var pairs = stems.Where(t => t.Contains(' ')).Where(_byToken.ContainsKey).ToList();
        foreach (var token in pairs.Count > 0 ? pairs : stems)
        {
            if (!_byToken.TryGetValue(token, out var candidates) || candidates.Count > 200) continue; // a common word says nothing
            foreach (var (customer, candidateKey) in candidates)
            {
                var score = Normalize.Similarity(key, candidateKey);
                if (score > best.Score) best = (customer, candidateKey, score);
            }
        }
        return best.Score >= 0.9 ? (best.Customer, $"payer name \"{line.PayerName}\" resembles \"{best.Key}\" ({best.Score:0.00})", false) : (null, "", false);
    }

    /// <summary>Invoice numbers named in the line: exact keys first; a key one typo away only when no exact key matched it.</summary>
    private List<(long InvoiceId, bool Fuzzy, string Seen)> FindNumbers(BankCredit line)
    {
        var tokens = line.References.Concat(line.Text.Split([' ', ',', ';', ':', '/', '(', ')', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var candidates = new List<string>(tokens);
        for (var i = 0; i + 1 < tokens.Count; i++)
            if (tokens[i].All(char.IsAsciiDigit) && tokens[i + 1].All(char.IsAsciiDigit)) candidates.Add(tokens[i] + tokens[i + 1]); // "100 023"
        var found = new List<(long, bool, string)>();
        var seen = new HashSet<long>();
        var keys = new List<(string Key, string Seen)>();
        foreach (var candidate in candidates)
        {
            if (Normalize.NumberKey(candidate) is not { } key) continue;
            keys.Add((key, candidate));
            if (!_byNumber.TryGetValue(key, out var ids)) continue;
            foreach (var id in ids.Where(id => OpenOf(id) > 0 && _items[id].CurrencyCode == line.Amount.Currency.Code && seen.Add(id))) found.Add((id, false, candidate));
        }
        // Numbers one typo away, even where a number matched: with dense numbering a mistyped number is often another real one.
        foreach (var (key, candidate) in keys)
        {
            foreach (var variant in Normalize.OneTypoAway(key))
            {
                if (!_byNumber.TryGetValue(variant, out var ids)) continue;
                foreach (var id in ids.Where(id => OpenOf(id) > 0 && _items[id].CurrencyCode == line.Amount.Currency.Code && seen.Add(id))) found.Add((id, true, candidate));
            }
        }
        return found;
    }

    private IEnumerable<Proposal> ByNumbers(BankCredit line, List<(long InvoiceId, bool Fuzzy, string Seen)> numbered, long? payer)
    {
        var exact = numbered.Where(n => !n.Fuzzy).ToList();
        var amount = line.Amount.Minor;
        // A number that is right as written and whose amount agrees exactly is the answer; else a typo'd number
        // whose amount agrees exactly; else the written numbers, paid short or over.
        if (exact.Count > 0 && AccountsFor(exact, amount, line.Date)) return ByWrittenNumbers(line, exact, payer);
        // A typo'd number of the recognised payer only: anyone else's invoice with the same amount is a coincidence.
        var typos = numbered.Where(n => n.Fuzzy && payer is not null && _items[n.InvoiceId].CustomerId == payer
                                                && (OpenOf(n.InvoiceId) == amount || OpenOf(n.InvoiceId) - Discount(_items[n.InvoiceId], line.Date) == amount)).ToList();
        if (typos.Count == 1) return ByWrittenNumbers(line, typos, payer);
        return exact.Count > 0 ? ByWrittenNumbers(line, exact, payer) : numbered.Count > 0 ? ByWrittenNumbers(line, numbered, payer) : [];
    }

    private bool AccountsFor(List<(long InvoiceId, bool Fuzzy, string Seen)> hits, long amount, DateOnly on)
    {
        var open = hits.Sum(h => OpenOf(h.InvoiceId));
        var net = hits.Sum(h => OpenOf(h.InvoiceId) - Discount(_items[h.InvoiceId], on));
        return amount == open || amount == net || hits.Count > 1 && Subsets(hits.Select(h => _items[h.InvoiceId]).ToList(), amount, on).Any();
    }

    private IEnumerable<Proposal> ByWrittenNumbers(BankCredit line, List<(long InvoiceId, bool Fuzzy, string Seen)> numbered, long? payer)
    {
        // One customer's invoices: the payer's if it is among them, else the customer named most often.
        var customer = numbered.Any(n => _items[n.InvoiceId].CustomerId == payer) ? payer!.Value
            : numbered.GroupBy(n => _items[n.InvoiceId].CustomerId).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Sum(n => OpenOf(n.InvoiceId))).First().Key;
        var hits = numbered.Where(n => _items[n.InvoiceId].CustomerId == customer).OrderBy(n => _items[n.InvoiceId].DueDate).ThenBy(n => n.InvoiceId).ToList();
        var items = hits.Select(h => _items[h.InvoiceId]).ToList();
        // A typo'd number, or an invoice not of a payer we recognised as its customer, is trusted only with an exact amount.
        var fuzzy = hits.Any(h => h.Fuzzy) || payer != customer;
        var fuzzyPenalty = hits.Any(h => h.Fuzzy) ? 0.05 : 0;
        var named = string.Join(", ", hits.Select(h => h.Fuzzy ? $"{_items[h.InvoiceId].Number} (read as \"{h.Seen}\")" : _items[h.InvoiceId].Number));
        var amount = line.Amount.Minor;
        var open = items.Sum(i => OpenOf(i.InvoiceId));
        var net = items.Sum(i => OpenOf(i.InvoiceId) - Discount(i, line.Date));
        List<string> Reasons(string what) => [$"invoice number(s) {named} in the remittance", what];

        // Even an exact amount does not make a typo'd number someone else's invoice: only the recognised payer's.
        var cap = hits.Any(h => h.Fuzzy) && payer != customer ? 0.6 : 1.0;
        if (amount == open)
            yield return new(customer, items.Select(i => Full(i, false, line.Date)).ToList(), 0, Math.Min(cap, 0.99 - fuzzyPenalty), "invoice-number", Reasons("the amount equals what is open"));
        else if (amount == net && net != open)
            yield return new(customer, items.Select(i => Full(i, true, line.Date)).ToList(), 0, Math.Min(cap, 0.97 - fuzzyPenalty), "invoice-number+discount",
                Reasons("the amount equals what is open less the early-payment discount"), ShortPayReason.DiscountTaken);
        else if (items.Count > 1 && Subsets(items, amount, line.Date).FirstOrDefault() is { } subset)
            yield return new(customer, subset, 0, fuzzy ? 0.6 : 0.90, "invoice-number-subset", Reasons("the amount equals some of the invoices named"));
        // A number read through a typo is trusted only when the amount confirms it exactly.
        else if (amount > open)
            yield return new(customer, items.Select(i => Full(i, false, line.Date)).ToList(), amount - open, fuzzy ? 0.6 : 0.90, "invoice-number-overpaid",
                Reasons($"the amount is {new Money(amount - open, line.Amount.Currency)} more than is open: the rest stays on account"));
        else
        {
            // A short pay: oldest first, the last invoice partly; a small difference is a bank's fee.
            var allocations = new List<ProposedAllocation>();
            var left = amount;
            foreach (var item in items)
            {
                var cash = Math.Min(left, OpenOf(item.InvoiceId));
                if (cash <= 0) break;
                allocations.Add(new(item.InvoiceId, item.Number, cash, 0));
                left -= cash;
            }
            var shortBy = open - amount;
            var fee = shortBy <= _options.BankFeeToleranceMinor && items.Count == 1;
            // A deduction is taken on the payer's own word only when the payer is recognised as the invoice's customer.
            var confidence = fuzzy ? 0.6 : fee ? 0.91 : payer == customer ? 0.90 : 0.75;
            yield return new(customer, allocations, 0, confidence, "invoice-number-short",
                Reasons($"the amount is {new Money(shortBy, line.Amount.Currency)} short: {(fee ? "a bank fee" : "a deduction")}; the rest stays open"),
                fee ? ShortPayReason.BankFee : ShortPayReason.Deduction);
        }
    }

    private IEnumerable<Proposal> ByCustomer(BankCredit line, long customer, string payerReason, bool payerExact)
    {
        var items = _byCustomer.GetValueOrDefault(customer, []).Where(id => OpenOf(id) > 0 && _items[id].CurrencyCode == line.Amount.Currency.Code)
            .Take(_options.SubsetSearchItems).Select(id => _items[id]).ToList();
        var solutions = Subsets(items, line.Amount.Minor, line.Date).Take(2).ToList();
        var penalty = payerExact ? 0 : 0.03;
        if (solutions.Count > 0)
        {
            var unique = solutions.Count == 1;
            yield return new(customer, solutions[0], 0, (unique ? 0.93 : 0.80) - penalty, "payer-open-invoices",
                [payerReason, unique ? "its open invoices add up exactly to the amount" : "several sets of its open invoices add up to the amount: the oldest are proposed"],
                solutions[0].Any(a => a.DiscountMinor > 0) ? ShortPayReason.DiscountTaken : ShortPayReason.None);
        }
        yield return new(customer, [], line.Amount.Minor, 0.40 - penalty, "payer-on-account", [payerReason, "no set of its open invoices adds up to the amount: keep it on account"]);
    }

    /// <summary>
    /// Sets of invoices (each paid in full, with or without its early-payment discount) that add up
    /// exactly to the amount, oldest first; a bounded search, so it answers in microseconds.
    /// </summary>
    private IEnumerable<List<ProposedAllocation>> Subsets(List<OpenItem> items, long amount, DateOnly on)
    {
        var values = items.Select(i => (Item: i, Full: OpenOf(i.InvoiceId), Net: OpenOf(i.InvoiceId) - Discount(i, on))).ToList();
        var suffixMax = new long[values.Count + 1];
        for (var i = values.Count - 1; i >= 0; i--) suffixMax[i] = suffixMax[i + 1] + values[i].Full;
        var chosen = new List<ProposedAllocation>();
        var results = new List<List<ProposedAllocation>>();
        var nodes = 0;
        Search(0, amount);
        return results;

        void Search(int index, long left)
        {
            if (results.Count >= 2 || ++nodes > _options.SubsetSearchNodes) return;
            if (left == 0 && chosen.Count > 0)
            {
                results.Add([.. chosen]);
                return;
            }
            if (index == values.Count || left < 0 || suffixMax[index] < left) return; // even all that is left cannot reach it
            var (item, full, netValue) = values[index];
            chosen.Add(new(item.InvoiceId, item.Number, full, 0));
            Search(index + 1, left - full);
            chosen.RemoveAt(chosen.Count - 1);
            if (netValue != full)
            {
                chosen.Add(new(item.InvoiceId, item.Number, netValue, full - netValue));
                Search(index + 1, left - netValue);
                chosen.RemoveAt(chosen.Count - 1);
            }
            Search(index + 1, left);
        }
    }

    private ProposedAllocation Full(OpenItem item, bool withDiscount, DateOnly on)
    {
        var discount = withDiscount ? Discount(item, on) : 0;
        return new(item.InvoiceId, item.Number, OpenOf(item.InvoiceId) - discount, discount);
    }

    /// <summary>The discount still available: only on an untouched invoice (as the posting rules require).</summary>
    private long Discount(OpenItem item, DateOnly on) =>
        OpenOf(item.InvoiceId) == item.OpenMinor && item.DiscountDeadline is { } deadline && on <= deadline ? item.DiscountMinor : 0;

    private static string Stem(string token) => token.Length > 4 ? token[..4] : token;

    private static IEnumerable<string> Stems(string nameKey)
    {
        var words = nameKey.Split(' ').Select(Stem).ToList();
        foreach (var word in words.Distinct()) yield return word;
        for (var i = 0; i + 1 < words.Count; i++) yield return $"{words[i]} {words[i + 1]}";
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(value);
    }
}
