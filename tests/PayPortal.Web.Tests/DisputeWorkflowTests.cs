using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Invoicing;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>A dispute from the customer's request to the specialist's decision, and every refusal on the way.</summary>
public class DisputeWorkflowTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% delivery note, signed\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private sealed record Target(long Id, string Number, long OpenMinor, long FirstLineTotal);

    /// <summary>An open, undisputed invoice of the contact's account with at least one line.</summary>
    private Task<Target> UndisputedInvoiceOf(string email, int skip = 0) => factory.WithDb(async db =>
    {
        var customerId = await db.Users.Where(u => u.Email == email).Select(u => u.CustomerId).SingleAsync();
        return await db.Invoices.Where(i => i.CustomerId == customerId && i.OpenMinor > 100_00 && i.DisputedMinor == 0 && i.Status != InvoiceStatus.Void)
            .OrderBy(i => i.Id).Skip(skip)
            .Select(i => new Target(i.Id, i.Number!, i.OpenMinor, i.Lines.OrderBy(l => l.LineNo).Select(l => l.NetMinor + l.TaxMinor).First())).FirstAsync();
    });

    private static Task<HttpResponseMessage> OpenDispute(HttpClient client, long invoiceId, string amount, params (string Name, byte[] Content)[] files) =>
        OpenDispute(client, invoiceId, amount, $"/Portal/Disputes/New?invoice={invoiceId}", files);

    private static Task<HttpResponseMessage> OpenDispute(HttpClient client, long invoiceId, string amount, string tokenFrom, params (string Name, byte[] Content)[] files) =>
        client.PostMultipart($"/Portal/Disputes/New?invoice={invoiceId}",
            [("Reason", "DamagedGoods"), ("Amount", amount), ("Message", "Line 1 arrived crushed; photos attached."), ("Lines", "1")],
            files.Select(f => ("Files", f.Name, f.Content)), tokenFrom);

    private Task<int> DisputeCount() => factory.WithDb(db => db.Disputes.CountAsync());

    private static long IdFrom(HttpResponseMessage response) => long.Parse(response.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);

    [Fact]
    public async Task A_customer_disputes_a_line_the_specialist_asks_for_more_and_accepts_half_and_the_invoice_owes_less()
    {
        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var target = await UndisputedInvoiceOf(DemoAccounts.Customer.Email);
        var amount = Math.Min(target.OpenMinor, target.FirstLineTotal) / 2 * 2; // even, so half is exact
        var opened = await OpenDispute(customer, target.Id, (amount / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), ("crushed.pdf", Pdf));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var id = IdFrom(opened);
        var page = await customer.GetStringAsync($"/Portal/Disputes/Details/{id}");
        Assert.Contains("crushed.pdf", page);
        Assert.Contains($"line 1", page);
        Assert.Equal(amount, await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.DisputedMinor).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.Outbox.AnyAsync(m => m.Kind == "dispute" && m.To == DemoAccounts.Customer.Email && m.Subject.Contains(target.Number))));
        var attachmentId = await factory.WithDb(db => db.DisputeAttachments.Where(a => a.FileName == "crushed.pdf").Select(a => a.Id).OrderByDescending(a => a).FirstAsync());
        var download = await customer.GetAsync($"/Portal/Disputes/Details/{id}?handler=File&attachment={attachmentId}");
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Contains(target.Number, await staff.GetStringAsync("/BackOffice/Disputes?reason=DamagedGoods"));
        var detail = $"/BackOffice/Disputes/Details/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostForm($"{detail}?handler=AssignMe", new Dictionary<string, string>(), detail)).StatusCode);
        Assert.Contains("Alex Rivera", await staff.GetStringAsync(detail));
        await staff.PostForm($"{detail}?handler=Note", new Dictionary<string, string> { ["Text"] = "Carrier claim filed, ref CC-42" }, detail);
        await staff.PostForm($"{detail}?handler=Reply", new Dictionary<string, string> { ["Text"] = "Please send a photo of the pallet.", ["RequestInformation"] = "true" }, detail);
        Assert.Equal(DisputeStatus.WaitingOnCustomer, await Status(id));
        var customerView = await customer.GetStringAsync($"/Portal/Disputes/Details/{id}");
        Assert.Contains("Please send a photo of the pallet.", customerView);
        Assert.DoesNotContain("CC-42", customerView); // internal notes never reach the customer
        Assert.Contains("Waiting for your reply", customerView);

        var reply = await customer.PostMultipart($"/Portal/Disputes/Details/{id}?handler=Message", [("Text", "Here it is.")], [("Files", "pallet.png", Png)], $"/Portal/Disputes/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(DisputeStatus.Open, await Status(id));

        var tooMuch = await staff.PostForm($"{detail}?handler=Accept", new Dictionary<string, string> { ["Amount"] = ((amount + 1) / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) }, detail);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Contains("At most the disputed", await tooMuch.Content.ReadAsStringAsync());
        var accepted = await staff.PostForm($"{detail}?handler=Accept", new Dictionary<string, string>
            { ["Amount"] = (amount / 2 / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), ["Text"] = "Half, as agreed on the phone." }, detail);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        // Money leaving the books waits for a manager: nothing is credited until one approves.
        Assert.Equal(DisputeStatus.Open, await Status(id));
        Assert.Contains("Awaiting approval:", await staff.GetStringAsync(detail));
        await factory.ApprovePendingAsync(target.Id);
        Assert.Equal(DisputeStatus.PartiallyAccepted, await Status(id));
        var invoice = await factory.WithDb(db => db.Invoices.SingleAsync(i => i.Id == target.Id));
        Assert.Equal((target.OpenMinor - amount / 2, 0L), (invoice.OpenMinor, invoice.DisputedMinor));
        Assert.Contains("Accepted in part", await customer.GetStringAsync($"/Portal/Disputes/Details/{id}"));
        Assert.Contains("Credit memo", await customer.GetStringAsync($"/Portal/Invoices/Details/{target.Id}"));
        var actions = await factory.WithDb(db => db.AuditEvents.Where(a => a.Action.StartsWith("dispute.")).Select(a => a.Action).Distinct().ToListAsync());
        Assert.Superset(new HashSet<string> { "dispute.open", "dispute.assign", "dispute.note", "dispute.request-information", "dispute.message.customer", "dispute.accept" }, actions.ToHashSet());
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "approval.propose" && a.Actor == DemoAccounts.Specialist.Email)));
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "dispute.accept" && a.Actor == DemoAccounts.Manager.Email)));
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    private Task<DisputeStatus> Status(long id) => factory.WithDb(db => db.Disputes.Where(d => d.Id == id).Select(d => d.Status).SingleAsync());

    [Fact]
    public async Task More_than_is_open_a_file_that_is_not_what_it_says_or_someone_elses_invoice_are_refused_and_change_nothing()
    {
        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var target = await UndisputedInvoiceOf(DemoAccounts.Customer.Email, skip: 1);
        var before = await DisputeCount();

        var tooMuch = await OpenDispute(customer, target.Id, ((target.OpenMinor + 1) / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Contains("cannot be more than the", await tooMuch.Content.ReadAsStringAsync());

        var fake = await OpenDispute(customer, target.Id, "10.00", ("invoice.pdf", "MZ this is a program"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.StatusCode);
        Assert.Contains("invoice.pdf is not a PDF, PNG or JPEG file.", await fake.Content.ReadAsStringAsync());

        var foreign = await UndisputedInvoiceOf(DemoAccounts.OtherCustomer.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/Portal/Disputes/New?invoice={foreign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenDispute(customer, foreign.Id, "1.00", $"/Portal/Disputes/New?invoice={target.Id}")).StatusCode);
        Assert.Equal(before, await DisputeCount());
        Assert.Equal(0L, await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.DisputedMinor).SingleAsync()));
    }

    [Fact]
    public async Task A_file_over_five_megabytes_or_a_sixth_file_is_refused_through_the_page_and_nothing_is_stored()
    {
        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var target = await UndisputedInvoiceOf(DemoAccounts.Customer.Email, skip: 2);
        var before = (await DisputeCount(), await factory.WithDb(db => db.DisputeAttachments.CountAsync()));

        var big = new byte[DisputeAttachment.MaxBytes + 1];
        Pdf.CopyTo(big, 0);
        var tooBig = await OpenDispute(customer, target.Id, "10.00", ("scan.pdf", big));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooBig.StatusCode);
        Assert.Contains("scan.pdf is over 5 MB.", await tooBig.Content.ReadAsStringAsync());

        var tooMany = await OpenDispute(customer, target.Id, "10.00", [.. Enumerable.Range(1, DisputeAttachment.MaxPerMessage + 1).Select(i => ($"note-{i}.pdf", Pdf))]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Contains($"Attach at most {DisputeAttachment.MaxPerMessage} files to one message.", await tooMany.Content.ReadAsStringAsync());

        Assert.Equal(before, (await DisputeCount(), await factory.WithDb(db => db.DisputeAttachments.CountAsync())));
        Assert.Equal(0L, await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.DisputedMinor).SingleAsync()));
    }

    [Fact]
    public async Task Another_account_cannot_see_or_touch_a_dispute_and_customers_cannot_work_the_queue()
    {
        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var target = await UndisputedInvoiceOf(DemoAccounts.Customer.Email, skip: 2);
        var id = IdFrom(await OpenDispute(customer, target.Id, "5.00"));

        var other = await factory.SignedInAs(DemoAccounts.OtherCustomer.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Portal/Disputes/Details/{id}")).StatusCode);
        var ownDisputes = await other.GetStringAsync("/Portal/Disputes");
        Assert.DoesNotContain(target.Number, ownDisputes);
        // A post needs a token from a page the poster may see; use their own disputes list.
        var withdraw = await other.PostForm($"/Portal/Disputes/Details/{id}?handler=Withdraw", new Dictionary<string, string>(), "/Portal/Disputes/New?invoice=" + (await UndisputedInvoiceOf(DemoAccounts.OtherCustomer.Email)).Id);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.StatusCode);
        Assert.Equal(DisputeStatus.Open, await Status(id));

        var queue = await customer.GetAsync($"/BackOffice/Disputes/Details/{id}");
        Assert.StartsWith("/Identity/Account/AccessDenied", queue.Headers.Location!.PathAndQuery);

        // The customer may withdraw their own.
        Assert.Equal(HttpStatusCode.Redirect, (await customer.PostForm($"/Portal/Disputes/Details/{id}?handler=Withdraw", new Dictionary<string, string>(), $"/Portal/Disputes/Details/{id}")).StatusCode);
        Assert.Equal(DisputeStatus.Withdrawn, await Status(id));
        Assert.Equal(0L, await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.DisputedMinor).SingleAsync()));
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_rebilling_credits_the_invoice_and_drafts_a_corrected_copy()
    {
        var customer = await factory.SignedInAs(DemoAccounts.CustomerColleague.Email);
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var first = await UndisputedInvoiceOf(DemoAccounts.Customer.Email, skip: 3);
        var rejectId = IdFrom(await OpenDispute(customer, first.Id, "5.00"));
        var detail = $"/BackOffice/Disputes/Details/{rejectId}";
        var noReason = await staff.PostForm($"{detail}?handler=Reject", new Dictionary<string, string> { ["Text"] = "" }, detail);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Say why the dispute is rejected.", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(DisputeStatus.Open, await Status(rejectId));
        await staff.PostForm($"{detail}?handler=Reject", new Dictionary<string, string> { ["Text"] = "The delivery note shows all ten boxes signed for." }, detail);
        Assert.Equal(DisputeStatus.Rejected, await Status(rejectId));
        Assert.True(await factory.WithDb(db => db.Outbox.AnyAsync(m => m.To == DemoAccounts.CustomerColleague.Email && m.TextBody.Contains("all ten boxes"))));

        var second = await UndisputedInvoiceOf(DemoAccounts.Customer.Email, skip: 4);
        var rebillId = IdFrom(await OpenDispute(customer, second.Id, "5.00"));
        var drafts = await factory.WithDb(db => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Draft));
        detail = $"/BackOffice/Disputes/Details/{rebillId}";
        var rebilled = await staff.PostForm($"{detail}?handler=Rebill", new Dictionary<string, string> { ["Text"] = "Unit price corrected to the contract rate." }, detail);
        Assert.Equal(HttpStatusCode.Redirect, rebilled.StatusCode);
        Assert.Equal(DisputeStatus.Open, await Status(rebillId));
        await factory.ApprovePendingAsync(second.Id);
        Assert.Equal(DisputeStatus.Rebilled, await Status(rebillId));
        Assert.Equal(0L, await factory.WithDb(db => db.Invoices.Where(i => i.Id == second.Id).Select(i => i.OpenMinor).SingleAsync()));
        Assert.Equal(drafts + 1, await factory.WithDb(db => db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Draft)));
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }

    [Fact]
    public async Task Disputed_amounts_stay_in_aging_marked_as_disputed_and_are_left_out_of_the_past_due_figure()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (disputed, pastDue, disputedPastDue) = await factory.WithDb(async db =>
        {
            var usd = db.Invoices.Where(i => i.CurrencyCode == "USD" && i.OpenMinor != 0);
            return (await usd.SumAsync(i => i.DisputedMinor), await usd.Where(i => i.DueDate < today).SumAsync(i => i.OpenMinor),
                await usd.Where(i => i.DueDate < today).SumAsync(i => i.DisputedMinor));
        });
        Assert.True(disputedPastDue > 0, "the demo has past-due disputes");
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var home = await staff.GetStringAsync("/BackOffice");
        Assert.Contains($"id=\"disputed-USD\">{new PayPortal.Domain.Money(disputed, PayPortal.Domain.Currency.USD)}<", home);
        Assert.Contains($"id=\"past-due-USD\">{new PayPortal.Domain.Money(pastDue - disputedPastDue, PayPortal.Domain.Currency.USD)}<", home);
    }

    [Fact]
    public async Task A_disputed_invoice_is_not_voided_and_a_dispute_on_an_invoice_credited_in_full_meanwhile_is_not_credited_again()
    {
        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var target = await UndisputedInvoiceOf(DemoAccounts.Customer.Email, skip: 5);
        var id = IdFrom(await OpenDispute(customer, target.Id, "10.00"));

        var version = await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.Version).SingleAsync());
        var voided = await staff.PostForm($"/BackOffice/Invoices/Details/{target.Id}?handler=Void", new Dictionary<string, string> { ["Version"] = version.ToString(), ["Reason"] = "Wrong" }, $"/BackOffice/Invoices/Details/{target.Id}");
        Assert.Contains("has an open dispute; resolve it before voiding", await voided.Content.ReadAsStringAsync());

        // The whole invoice is credited meanwhile: accepting the dispute would credit it twice.
        var credited = await staff.PostForm($"/BackOffice/Invoices/Details/{target.Id}?handler=CreditAll", new Dictionary<string, string> { ["Version"] = version.ToString(), ["Reason"] = "Order cancelled" }, $"/BackOffice/Invoices/Details/{target.Id}");
        Assert.Equal(HttpStatusCode.Redirect, credited.StatusCode);
        await factory.ApprovePendingAsync(target.Id);
        var detail = $"/BackOffice/Disputes/Details/{id}";
        var refused = await staff.PostForm($"{detail}?handler=Accept", new Dictionary<string, string>(), detail);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("is already credited in full; reject the dispute", await refused.Content.ReadAsStringAsync());
        var total = await factory.WithDb(db => db.Invoices.Where(i => i.Id == target.Id).Select(i => i.TotalMinor).SingleAsync());
        Assert.Equal(total, await factory.WithDb(db => db.CreditMemos.Where(m => m.InvoiceId == target.Id).SumAsync(m => m.AmountMinor)));
        var ledger = await factory.WithDb(db => new LedgerConsistencyCheck(db).RunAsync());
        Assert.True(ledger.IsConsistent, string.Join("\n", ledger.Problems));
    }
}
