using Microsoft.Extensions.Options;

namespace PayPortal.Infrastructure;

/// <summary>The company that sends the invoices: shown in the portal, on emails and PDFs.</summary>
public sealed class CompanyOptions
{
    public const string Section = "Company";

    public string Name { get; set; } = "Northwind Supply Co.";
    public string Address { get; set; } = "";
    /// <summary>A PNG or JPEG file printed at the top of every PDF; none when empty.</summary>
    public string? LogoPath { get; set; }
}

/// <summary>Refuses to start with a logo that is not there or not an image PDFs can carry, instead of failing on the first PDF.</summary>
public sealed class CompanyOptionsValidator : IValidateOptions<CompanyOptions>
{
    private static readonly string[] ImageTypes = [".png", ".jpg", ".jpeg"];

    public ValidateOptionsResult Validate(string? name, CompanyOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Name)) return ValidateOptionsResult.Fail("Company:Name is required.");
        if (string.IsNullOrEmpty(options.LogoPath)) return ValidateOptionsResult.Success;
        if (!File.Exists(options.LogoPath)) return ValidateOptionsResult.Fail($"Company:LogoPath '{options.LogoPath}' does not exist.");
        if (!ImageTypes.Contains(Path.GetExtension(options.LogoPath).ToLowerInvariant()))
            return ValidateOptionsResult.Fail($"Company:LogoPath '{options.LogoPath}' must be a .png, .jpg or .jpeg file.");
        return ValidateOptionsResult.Success;
    }
}
