using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PayPortal.Domain.Customers;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Identity;

namespace PayPortal.Infrastructure.Staff;

/// <summary>
/// Back-office accounts, for the CLI and the Admin pages alike: add (a set-password link, or a password given
/// safely), list, change role, disable and enable, reset two-factor. There is always one enabled Admin with a
/// password, and nobody changes their own role or disables themselves (<c>actingUserId</c>; the CLI has none).
/// </summary>
public sealed class StaffAccounts(PayPortalDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    StaffInvitationMail invitations, IActor actor, TimeProvider clock)
{
    public const string RoleChoices = "Specialist, Manager or Admin";
    private static readonly string[] StaffRoles = [.. Roles.BackOffice];

    /// <summary>The role as spelled in <see cref="Roles"/> (any case accepted), or null when it is not a staff role.</summary>
    public static string? StaffRole(string? role) => StaffRoles.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct = default)
    {
        var memberships = await (from ur in db.UserRoles
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where StaffRoles.Contains(r.Name!)
                                 select new { ur.UserId, r.Name }).ToListAsync(ct);
        var roleOf = memberships.ToLookup(m => m.UserId, m => m.Name!);
        var ids = roleOf.Select(g => g.Key).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        return [.. people.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).Select(u => new StaffMember(u.Id, u.Email ?? "", u.DisplayName,
            [.. roleOf[u.Id].OrderBy(r => Array.IndexOf(StaffRoles, r))], u.DisabledAt is null, u.TwoFactorEnabled, u.PasswordHash is not null, u.LastSignInAt))];
    }

    /// <summary>
    /// A new staff account. Without <paramref name="password"/> it has none and gets a set-password link by email;
    /// adding someone whose link is still unused sends a fresh one.
    /// </summary>
    public async Task<StepResult> AddAsync(string email, string role, string? name, string? password, CancellationToken ct = default)
    {
        email = email.Trim();
        if (!EmailAddress.IsValid(email)) return StepResult.Fail($"'{email}' is not an email address.");
        if (StaffRole(role) is not { } staffRole) return StepResult.Fail($"'{role}' is not a staff role: choose {RoleChoices}.");

        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            if (password is null && user.CustomerId is null && !await users.HasPasswordAsync(user) && await IsStaffAsync(user))
            {
                await invitations.SendAsync(user, staffRole, actor.Name, ct);
                return StepResult.Done($"{email} has not chosen a password yet: a new set-password link was sent.");
            }
            return StepResult.Fail($"{email} already has an account.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // The account, its role and the audit record land together or not at all; the mail goes after.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await roles.RoleExistsAsync(staffRole))
            {
                var made = await roles.CreateAsync(new IdentityRole(staffRole));
                if (!made.Succeeded) return Refused(made);
            }
            user = new AppUser
            {
                UserName = email, Email = email, DisplayName = name?.Trim() is { Length: > 0 } n ? n : email,
                InvitedAt = now, InvitedBy = actor.Name, EmailConfirmed = password is not null,
            };
            var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (!created.Succeeded) return Refused(created);
            var added = await users.AddToRoleAsync(user, staffRole);
            if (!added.Succeeded) return Refused(added);
            Audit("staff.add", user, now, new { email, role = staffRole, link = password is null });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        if (password is not null) return StepResult.Done($"{email} can now sign in as {staffRole}.");
        await invitations.SendAsync(user, staffRole, actor.Name, ct);
        return StepResult.Done($"Invitation sent to {email} ({staffRole}).");
    }

    public async Task<StepResult> ChangeRoleAsync(string email, string role, string? actingUserId, CancellationToken ct = default)
    {
        if (StaffRole(role) is not { } staffRole) return StepResult.Fail($"'{role}' is not a staff role: choose {RoleChoices}.");
        return await ChangeAsync(email, actingUserId, "You cannot change your own role: another Admin has to.", async (user, current, now) =>
        {
            if (current is [var only] && only == staffRole) return StepResult.Fail($"{user.Email} already is {staffRole}.");
            if (current.Contains(Roles.Admin) && staffRole != Roles.Admin && !await AnotherAdminAsync(user, ct))
                return StepResult.Fail($"{user.Email} is the last Admin: make someone else Admin first.");
            if (!await roles.RoleExistsAsync(staffRole) && await roles.CreateAsync(new IdentityRole(staffRole)) is { Succeeded: false } made) return Refused(made);
            if (await users.RemoveFromRolesAsync(user, current) is { Succeeded: false } removed) return Refused(removed);
            if (await users.AddToRoleAsync(user, staffRole) is { Succeeded: false } added) return Refused(added);
            // Sessions carry the old role in their cookie: a new stamp makes them sign in again.
            await users.UpdateSecurityStampAsync(user);
            Audit("staff.change-role", user, now, new { role = new[] { string.Join(",", current), staffRole } });
            return StepResult.Done($"{user.Email} is now {staffRole}.");
        }, ct);
    }

    public Task<StepResult> DisableAsync(string email, string? actingUserId, CancellationToken ct = default) =>
        ChangeAsync(email, actingUserId, "You cannot disable your own account.", async (user, current, now) =>
        {
            if (user.DisabledAt is not null) return StepResult.Fail($"{user.Email} is already disabled.");
            if (current.Contains(Roles.Admin) && !await AnotherAdminAsync(user, ct))
                return StepResult.Fail($"{user.Email} is the last Admin: make someone else Admin first.");
            user.DisabledAt = now;
            // A new stamp ends the sessions the account already has.
            await users.UpdateSecurityStampAsync(user);
            Audit("staff.disable", user, now, new { disabled = new[] { false, true } });
            return StepResult.Done($"{user.Email} is disabled: they cannot sign in, and their sessions have ended.");
        }, ct);

    public Task<StepResult> EnableAsync(string email, CancellationToken ct = default) =>
        ChangeAsync(email, null, "", async (user, _, now) =>
        {
            if (user.DisabledAt is null) return StepResult.Fail($"{user.Email} is not disabled.");
            user.DisabledAt = null;
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            Audit("staff.enable", user, now, new { disabled = new[] { true, false } });
            return StepResult.Done($"{user.Email} can sign in again.");
        }, ct);

    /// <summary>Someone lost their authenticator: they sign in with their password and set up a new one.</summary>
    public Task<StepResult> ResetTwoFactorAsync(string email, CancellationToken ct = default) =>
        ChangeAsync(email, null, "", async (user, _, now) =>
        {
            var had = user.TwoFactorEnabled;
            if (await users.SetTwoFactorEnabledAsync(user, false) is { Succeeded: false } off) return Refused(off);
            // A new key (and a new stamp) so the old authenticator and the old recovery codes stop working.
            if (await users.ResetAuthenticatorKeyAsync(user) is { Succeeded: false } reset) return Refused(reset);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            Audit("staff.reset-2fa", user, now, new { twoFactor = new[] { had, false } });
            return StepResult.Done($"Two-factor sign-in of {user.Email} is reset: they set up an authenticator app at their next sign-in.");
        }, ct);

    /// <summary>
    /// One change to one staff account, inside the database's write lock so two Admins demoting each other at
    /// the same moment cannot both pass the last-Admin check.
    /// </summary>
    private async Task<StepResult> ChangeAsync(string email, string? actingUserId, string selfRefusal,
        Func<AppUser, IList<string>, DateTime, Task<StepResult>> change, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var user = await users.FindByEmailAsync(email.Trim());
        var current = user is null ? [] : (await users.GetRolesAsync(user)).Where(r => StaffRoles.Contains(r)).ToList();
        if (user is null || current.Count == 0) return StepResult.Fail($"No staff account has the email '{email.Trim()}'.");
        if (actingUserId is not null && user.Id == actingUserId && selfRefusal.Length > 0) return StepResult.Fail(selfRefusal);
        var result = await change(user, current, clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded) return result;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Whether an Admin other than <paramref name="user"/> can still sign in (enabled, with a password).</summary>
    private Task<bool> AnotherAdminAsync(AppUser user, CancellationToken ct) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         join u in db.Users on ur.UserId equals u.Id
         where r.Name == Roles.Admin && u.Id != user.Id && u.DisabledAt == null && u.PasswordHash != null
         select u.Id).AnyAsync(ct);

    private async Task<bool> IsStaffAsync(AppUser user) => (await users.GetRolesAsync(user)).Any(r => StaffRoles.Contains(r));

    private void Audit(string action, AppUser user, DateTime now, object changes) => db.AuditEvents.Add(new AuditEvent
    {
        At = now, Actor = actor.Name, Action = action, EntityType = nameof(AppUser), EntityId = user.Id, Changes = JsonSerializer.Serialize(changes),
    });

    private static StepResult Refused(IdentityResult result) => StepResult.Fail(string.Join(" ", result.Errors.Select(e => e.Description)));
}
