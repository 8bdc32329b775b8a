namespace PayPortal.Web.Security;

public static class Policies
{
    /// <summary>A customer contact bound to one customer account.</summary>
    public const string Portal = "Portal";
    /// <summary>Specialist, Manager or Admin.</summary>
    public const string BackOffice = "BackOffice";
    /// <summary>Money-destructive actions: write-offs, refunds, reversals.</summary>
    public const string Manager = "Manager";
    public const string Admin = "Admin";
}
