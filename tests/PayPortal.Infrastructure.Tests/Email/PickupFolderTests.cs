using Microsoft.Extensions.Options;
using MimeKit;
using PayPortal.Infrastructure.Adapters.Email;

namespace PayPortal.Infrastructure.Tests.Email;

public class PickupFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "payportal-tests", "pickup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Without_a_host_each_message_is_an_eml_file_in_the_pickup_folder()
    {
        var mailer = new Mailer(Options.Create(new SmtpOptions { PickupDirectory = _folder, FromAddress = "billing@northwind.test", FromName = "Northwind Billing" }));
        var pdf = new byte[] { 0x25, 0x50, 0x44, 0x46, 0x00, 0xFF };
        await mailer.SendAsync(new OutgoingMail("ap@acme.test", "Invoice INV-1 — \u00e6\u00f8\u00e5", "See https://pay.example/Portal/Invoices/Details/1?x=a=b",
            "<p>See it</p>", [new MailAttachment("invoice-INV-1.pdf", "application/pdf", pdf)]));

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.EndsWith(".eml", file);
        using var message = MimeMessage.Load(file);
        Assert.Equal("Invoice INV-1 — \u00e6\u00f8\u00e5", message.Subject);
        Assert.Equal("ap@acme.test", message.To.Mailboxes.Single().Address);
        Assert.Contains("https://pay.example/Portal/Invoices/Details/1?x=a=b", message.TextBody);
        var attachment = Assert.IsType<MimePart>(message.Attachments.Single());
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content);
        Assert.Equal("invoice-INV-1.pdf", attachment.FileName);
        Assert.Equal(pdf, content.ToArray());
    }
}
