using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace PayPortal.Infrastructure.Identity;

/// <summary>
/// Identity's data-protection token (creation time, user, purpose, security stamp; encrypted and signed), with its own
/// lifespan and the app's <see cref="TimeProvider"/> (Identity's own provider reads the wall clock). Any password
/// change or reset renews the security stamp, so a token works once.
/// </summary>
public abstract class TimedTokenProvider(IDataProtectionProvider protection, TimeProvider clock, string name, TimeSpan lifespan)
    : IUserTwoFactorTokenProvider<AppUser>
{
    private readonly IDataProtector _protector = protection.CreateProtector("PayPortal.Tokens", name);

    public TimeSpan Lifespan => lifespan;

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        using var stream = new MemoryStream();
        await using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose);
            writer.Write(manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user) ?? "" : "");
        }
        return Convert.ToBase64String(_protector.Protect(stream.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_protector.Unprotect(Convert.FromBase64String(token))), Encoding.UTF8);
            var created = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            if (created + lifespan < clock.GetUtcNow()) return false;
            if (reader.ReadString() != await manager.GetUserIdAsync(user)) return false;
            if (reader.ReadString() != purpose) return false;
            var stamp = reader.ReadString();
            if (reader.BaseStream.Position != reader.BaseStream.Length) return false;
            return !manager.SupportsUserSecurityStamp || stamp == (await manager.GetSecurityStampAsync(user) ?? "");
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or EndOfStreamException or IOException)
        {
            return false;
        }
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);
}

/// <summary>Password-reset links ("forgot password"): short-lived, since the mailbox may be read by others later.</summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, TimeProvider clock)
    : TimedTokenProvider(protection, clock, AccountTokens.PasswordResetProvider, AccountTokens.PasswordResetLifespan);

/// <summary>Invitation links (choose a first password): long enough to reach a busy AP clerk or a new colleague.</summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider protection, TimeProvider clock)
    : TimedTokenProvider(protection, clock, AccountTokens.InvitationProvider, AccountTokens.InvitationLifespan);
