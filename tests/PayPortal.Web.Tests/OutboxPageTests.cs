using System.Net;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>The back office's outbox: a failed message shows why and can be sent again.</summary>
public class OutboxPageTests(PayPortalFactory factory) : IClassFixture<PayPortalFactory>
{
    private Task<long> QueueFailedAsync(string subject) => factory.WithDb(async db =>
    {
        var message = new OutboxMessage
        {
            Kind = "receipt", To = "ap@acme.test", Subject = subject, TextBody = "Thank you.", CreatedAt = DateTime.UtcNow,
            Attempts = 1, FirstAttemptAt = DateTime.UtcNow, FailedAt = DateTime.UtcNow, LastError = "550 Mailbox ap@acme.test does not exist",
        };
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    private Task<OutboxMessage> MessageAsync(long id) => factory.WithDb(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task A_failed_message_shows_the_reason_and_send_again_puts_it_back_so_it_goes_out()
    {
        var id = await QueueFailedAsync("Receipt to send again");
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var page = WebUtility.HtmlDecode(await specialist.GetStringAsync("/BackOffice/Outbox"));
        Assert.Contains("Failed: 550 Mailbox ap@acme.test does not exist", page);
        Assert.Contains($"action=\"/BackOffice/Outbox?id={id}&handler=SendAgain\"", page);

        var response = await specialist.PostForm($"/BackOffice/Outbox?id={id}&handler=SendAgain", new Dictionary<string, string>(), tokenFrom: "/BackOffice/Outbox");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("\"Receipt to send again\" to ap@acme.test will be sent again.", WebUtility.HtmlDecode(await specialist.GetStringAsync("/BackOffice/Outbox")));

        // The outbox worker (pickup folder in tests) takes it on its next run.
        var message = await MessageAsync(id);
        for (var i = 0; i < 100 && message.SentAt is null; i++)
        {
            await Task.Delay(100);
            message = await MessageAsync(id);
        }
        Assert.Null(message.FailedAt);
        Assert.NotNull(message.SentAt);
        Assert.Equal(1, message.Attempts); // a fresh series: the one try that delivered it
    }

    [Fact]
    public async Task Send_again_needs_the_antiforgery_token_and_a_back_office_user()
    {
        var id = await QueueFailedAsync("Receipt left failed");
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var forged = await specialist.PostAsync($"/BackOffice/Outbox?id={id}&handler=SendAgain", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var customer = await factory.SignedInAs(DemoAccounts.Customer.Email);
        var token = await customer.AntiforgeryToken("/Portal/Invoices");
        var refused = await customer.PostAsync($"/BackOffice/Outbox?id={id}&handler=SendAgain",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Identity/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);

        Assert.NotNull((await MessageAsync(id)).FailedAt);
    }

    [Fact]
    public async Task A_message_that_has_not_failed_is_left_as_it_is()
    {
        var id = await factory.WithDb(async db =>
        {
            var message = new OutboxMessage { Kind = "receipt", To = "ap@acme.test", Subject = "Already sent", TextBody = "T", CreatedAt = DateTime.UtcNow, SentAt = DateTime.UtcNow, Attempts = 1 };
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
        var specialist = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        await specialist.PostForm($"/BackOffice/Outbox?id={id}&handler=SendAgain", new Dictionary<string, string>(), tokenFrom: "/BackOffice/Outbox");
        Assert.Contains("\"Already sent\" to ap@acme.test has not failed; it was left as it is.", WebUtility.HtmlDecode(await specialist.GetStringAsync("/BackOffice/Outbox")));
        var message = await MessageAsync(id);
        Assert.Equal((1, (DateTime?)null), (message.Attempts, message.FailedAt));
    }
}
