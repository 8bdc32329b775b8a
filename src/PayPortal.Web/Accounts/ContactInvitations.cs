using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Customers;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Links;

namespace PayPortal.Web.Accounts;

/// <summary>
/// Specialists (and account admins) invite a customer's contacts: the contact gets an account with
/// no password and an email with a link to choose one. Inviting the same person again re-sends the link.
/// </summary>
public sealed class ContactInvitations(PayPortalDbContext db, UserManager<AppUser> users, Mailer mailer, IPortalUrls links, TimeProvider clock)
{
    public async Task<StepResult> InviteAsync(long customerId, string email, string displayName, bool accountAdmin, string invitedBy,
        CancellationToken ct = default)
    {
        email = email.Trim();
        if (!EmailAddress.IsValid(email)) return new(false, $"'{email}' is not an email address.");
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return new(false, "No such customer.");

        var user = await users.FindByEmailAsync(email);
        if (user is not null && (user.CustomerId != customerId || await users.HasPasswordAsync(user)))
            return new(false, user.CustomerId == customerId ? $"{email} already has an account for {customer.Name}." : $"{email} already belongs to another account.");

        var now = clock.GetUtcNow().UtcDateTime;
        // The account, its role and the audit record land together or not at all; the mail goes after.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (user is null)
            {
                user = new AppUser
                {
                    UserName = email, Email = email, DisplayName = displayName.Trim().Length > 0 ? displayName.Trim() : email,
                    CustomerId = customerId, IsAccountAdmin = accountAdmin, InvitedAt = now, InvitedBy = invitedBy,
                };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded) return new(false, string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            if (!await users.IsInRoleAsync(user, Roles.Customer))
            {
                var role = await users.AddToRoleAsync(user, Roles.Customer);
                if (!role.Succeeded) return new(false, string.Join(" ", role.Errors.Select(e => e.Description)));
            }
            db.AuditEvents.Add(new AuditEvent
            {
                At = now, Actor = invitedBy, Action = "customer.invite-contact", EntityType = nameof(AppUser), EntityId = user.Id, CustomerId = customerId,
                Changes = System.Text.Json.JsonSerializer.Serialize(new { email, accountAdmin }),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        // From PayPortal:PublicUrl, never from the request's Host header, which the sender of the request chooses.
        var token = await users.GenerateInvitationTokenAsync(user);
        var link = links.AcceptInvitation(user.Id, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
        await mailer.SendAsync(new OutgoingMail(email, $"You are invited to the {customer.Name} payment portal",
            $"""
            Hello {user.DisplayName},

            {invitedBy} invited you to see and pay {customer.Name}'s invoices online.
            Choose your password here (the link is valid for 3 days):

            {link}
            """,
            $"<p>Hello {HtmlEncoder.Default.Encode(user.DisplayName)},</p><p>{HtmlEncoder.Default.Encode(invitedBy)} invited you to see and pay {HtmlEncoder.Default.Encode(customer.Name)}'s invoices online.</p>" +
            $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Choose your password</a> (the link is valid for 3 days).</p>"), ct);
        return new(true, $"Invitation sent to {email}.");
    }
}
