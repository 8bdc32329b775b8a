using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests.Security;

public class DataProtectionTests
{
    [Fact]
    public async Task Keys_live_in_the_database_so_a_second_node_on_it_reads_the_first_nodes_cookies()
    {
        await using var first = new PayPortalFactory();
        var jar = new CookieContainer();
        var client = first.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignIn(DemoAccounts.Specialist.Email, DemoAccounts.Password)).StatusCode);
        var keys = await first.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.Empty(Directory.Exists(Path.Combine(first.Folder, "keys")) ? Directory.GetFiles(Path.Combine(first.Folder, "keys")) : []);

        await using var second = new SecondNode(first.DatabasePath);
        var request = new HttpRequestMessage(HttpMethod.Get, "/BackOffice");
        request.Headers.Add("Cookie", jar.GetCookieHeader(new Uri("https://localhost")));
        var answer = await second.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost"), HandleCookies = false }).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_stored_encrypted()
    {
        var folder = Path.Combine(Path.GetTempPath(), "payportal-tests", "cert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=PayPortal data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-pfx-password"));
        }
        await using var factory = new SecurityFactory("Testing", ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "test-pfx-password"));
        var client = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/BackOffice")).StatusCode);

        var xml = Assert.Single(await factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()));
        Assert.Contains("EncryptedData", xml);
        Assert.DoesNotContain("<value>", xml);
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task Without_a_certificate_outside_Production_the_key_is_readable_in_the_database()
    {
        await using var factory = new PayPortalFactory();
        await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var xml = Assert.Single(await factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()));
        Assert.Contains("<masterKey", xml);
        Assert.DoesNotContain("EncryptedData", xml);
    }

    /// <summary>Another web node: its own folder, the first node's database.</summary>
    private sealed class SecondNode(string databasePath) : PayPortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PayPortal:DatabasePath", databasePath);
        }
    }
}
