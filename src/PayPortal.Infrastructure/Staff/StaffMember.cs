namespace PayPortal.Infrastructure.Staff;

/// <summary>One back-office account as the staff list shows it.</summary>
public sealed record StaffMember(string Id, string Email, string Name, IReadOnlyList<string> Roles, bool Enabled, bool TwoFactor, bool PasswordSet, DateTime? LastSignInAt)
{
    public string Role => string.Join(",", Roles);
}
