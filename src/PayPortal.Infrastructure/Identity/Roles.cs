namespace PayPortal.Infrastructure.Identity;

public static class Roles
{
    public const string Customer = "Customer";
    public const string Specialist = "Specialist";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Customer, Specialist, Manager, Admin];

    /// <summary>Roles that may use the back office (Specialist or above).</summary>
    public static readonly IReadOnlyList<string> BackOffice = [Specialist, Manager, Admin];

    /// <summary>Roles that may destroy or return money: write-offs, refunds, reversals.</summary>
    public static readonly IReadOnlyList<string> MoneyDestructive = [Manager, Admin];
}
