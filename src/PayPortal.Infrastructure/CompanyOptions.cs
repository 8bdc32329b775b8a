namespace PayPortal.Infrastructure;

/// <summary>The company that sends the invoices: shown in the portal, on emails and PDFs.</summary>
public sealed class CompanyOptions
{
    public const string Section = "Company";

    public string Name { get; set; } = "Northwind Supply Co.";
    public string Address { get; set; } = "";
    public string? LogoPath { get; set; }
}
