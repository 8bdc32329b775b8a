using System.ComponentModel.DataAnnotations;

namespace PayPortal.Web.Accounts;

/// <summary>Who to invite to a customer account: the same form for specialists and for a customer's account admins.</summary>
public sealed class ContactInviteInput
{
    [Required, StringLength(200), Display(Name = "Name")] public string Name { get; set; } = "";
    [Required, EmailAddress, Display(Name = "Email")] public string Email { get; set; } = "";
    [Display(Name = "Account admin (may invite colleagues)")] public bool AccountAdmin { get; set; }
}
