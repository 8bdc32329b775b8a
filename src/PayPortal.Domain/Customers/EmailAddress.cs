using System.Text.RegularExpressions;

namespace PayPortal.Domain.Customers;

public static partial class EmailAddress
{
    // Deliberately simple: one @, a dot in the domain, no spaces. Deliverability is proven by sending.
    [GeneratedRegex(@"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")]
    private static partial Regex Shape();

    public static bool IsValid(string? email) => email is { Length: <= 254 } && Shape().IsMatch(email);
}
