namespace PayPortal.Web.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Back-office users must set up two-factor sign-in. Defaults to on everywhere but Development.</summary>
    public bool? RequireTwoFactorForStaff { get; set; }
}
