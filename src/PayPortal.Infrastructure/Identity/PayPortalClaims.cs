namespace PayPortal.Infrastructure.Identity;

public static class PayPortalClaims
{
    /// <summary>The customer account a contact belongs to; every portal query is scoped by it.</summary>
    public const string CustomerId = "payportal:customer_id";
    public const string DisplayName = "payportal:display_name";
}
