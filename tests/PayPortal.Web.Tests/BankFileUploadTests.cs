using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PayPortal.Infrastructure.Seeding;

namespace PayPortal.Web.Tests;

/// <summary>Hostile or oversized statements uploaded through the Bank page are refused with their problem and import nothing.</summary>
public class BankFileUploadTests(SmallBankUploadFactory factory) : IClassFixture<SmallBankUploadFactory>
{
    private const string Ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    private async Task<(HttpResponseMessage Response, string Html)> Upload(string fileName, byte[] content)
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        var response = await staff.PostMultipart("/BackOffice/Bank", [("AutoApply", "true")], [("Upload", fileName, content)], "/BackOffice/Bank");
        return (response, await response.Content.ReadAsStringAsync());
    }

    private Task<int> Statements() => factory.WithDb(db => db.BankStatements.CountAsync());

    [Fact]
    public async Task A_statement_with_an_external_entity_is_refused_as_a_dtd()
    {
        var before = await Statements();
        var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document xmlns=\"{Ns}\"><BkToCstmrStmt><Stmt><Id>&x;</Id></Stmt></BkToCstmrStmt></Document>";
        var (response, html) = await Upload("xxe.xml", Encoding.UTF8.GetBytes(xml));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("xxe.xml was not imported; nothing changed.", html);
        Assert.Contains("the file declares a DTD (&lt;!DOCTYPE ...&gt;)", html);
        Assert.DoesNotContain("root:", html);
        Assert.Equal(before, await Statements());
    }

    [Fact]
    public async Task A_statement_nested_two_hundred_thousand_levels_deep_is_refused_naming_the_line()
    {
        var before = await Statements();
        var deep = new StringBuilder($"<Document xmlns=\"{Ns}\">\n");
        for (var i = 0; i < 200_000; i++) deep.Append("<a>");
        for (var i = 0; i < 200_000; i++) deep.Append("</a>");
        deep.Append("</Document>");
        var (response, html) = await Upload("deep.xml", Encoding.UTF8.GetBytes(deep.ToString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("line 2: &lt;a&gt; is nested more than 64 elements deep", html);
        Assert.Equal(before, await Statements());
    }

    [Fact]
    public async Task A_notification_without_booking_dates_is_imported_on_its_value_date()
    {
        var xml = """
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>N-UP-1</MsgId></GrpHdr>
            <Ntfctn><Id>N-UP-1</Id><Acct><Id><IBAN>US00BANK0000000009</IBAN></Id></Acct>
            <Ntry><NtryRef>NV-1</NtryRef><Amt Ccy="USD">12.34</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><ValDt><Dt>2026-11-18</Dt></ValDt></Ntry>
            </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
            """;
        var (response, _) = await Upload("notification.xml", Encoding.UTF8.GetBytes(xml));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var line = await factory.WithDb(db => db.BankLines.SingleAsync(l => l.BankReference == "NV-1"));
        Assert.Equal((new DateOnly(2026, 11, 18), 1234L), (line.BookingDate, line.AmountMinor));
    }

    [Fact]
    public async Task The_page_shows_the_configured_limit_and_a_larger_upload_is_refused_before_it_is_read()
    {
        var staff = await factory.SignedInAs(DemoAccounts.Specialist.Email);
        Assert.Contains("up to 4 MB", await staff.GetStringAsync("/BackOffice/Bank"));
        var before = await Statements();
        var (response, text) = await Upload("huge.csv", new byte[2 * SmallBankUploadFactory.MaxFileBytes]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The file is larger than 4 MB, the most a statement upload may be; nothing was imported.", text);
        Assert.Equal(before, await Statements());
    }

    [Fact]
    public async Task An_upload_just_over_the_limit_is_refused_by_the_import_with_the_limit()
    {
        var before = await Statements();
        var (response, html) = await Upload("over.csv", new byte[SmallBankUploadFactory.MaxFileBytes + 10]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("the file is larger than 4 MB", html);
        Assert.Equal(before, await Statements());
    }
}

/// <summary>The portal with statement uploads limited to 4 MB (Banking:MaxFileBytes).</summary>
public sealed class SmallBankUploadFactory : PayPortalFactory
{
    public const int MaxFileBytes = 4 * 1024 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Banking:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
