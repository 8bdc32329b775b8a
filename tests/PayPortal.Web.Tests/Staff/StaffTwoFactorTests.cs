using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Staff;

namespace PayPortal.Web.Tests.Staff;

/// <summary>Staff with two-factor required (as outside Development): the code page records the sign-in, and an Admin's reset makes them set it up again.</summary>
public class StaffTwoFactorTests(TwoFactorRequiredFactory factory) : IClassFixture<TwoFactorRequiredFactory>
{
    private static async Task<string> SetUpAuthenticatorAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = WebUtility.HtmlDecode(Regex.Match(page, "<kbd>([^<]+)</kbd>").Groups[1].Value);
        var enabled = await client.PostForm("/Identity/Account/Manage/EnableAuthenticator", new Dictionary<string, string> { ["Input.Code"] = Totp.Now(key) });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        return key;
    }

    [Fact]
    public async Task The_two_factor_step_completes_the_sign_in_and_an_admin_reset_sends_them_back_to_set_up()
    {
        var email = await factory.NewStaffAsync(Roles.Specialist);
        var first = await factory.SignedInAs(email, StaffTestData.Password);
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", (await first.GetAsync("/BackOffice")).Headers.Location!.Where());
        var key = await SetUpAuthenticatorAsync(first);

        var client = factory.Client();
        var password = await client.SignIn(email, StaffTestData.Password);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", password.Headers.Location!.Where());
        var before = (await factory.UserAsync(email)).LastSignInAt;
        var code = await client.PostForm(password.Headers.Location!.Where(), new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Now(key), ["Input.RememberMachine"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/BackOffice")).StatusCode);
        var after = (await factory.UserAsync(email)).LastSignInAt;
        Assert.NotNull(after);
        Assert.True(before is null || after > before);

        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ResetTwoFactorAsync(email)).Succeeded);
        Assert.False((await factory.UserAsync(email)).TwoFactorEnabled);

        // The old authenticator is worth nothing: the password alone signs in, straight to the set-up page.
        var again = await factory.SignedInAs(email, StaffTestData.Password);
        Assert.Equal("/Identity/Account/Manage/EnableAuthenticator", (await again.GetAsync("/BackOffice")).Headers.Location!.Where());
        Assert.DoesNotContain(key.Replace(" ", ""), (await again.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator")).Replace(" ", ""));
    }

    [Theory]
    [InlineData("code")]
    [InlineData("recovery")]
    public async Task An_account_disabled_after_its_password_step_cannot_finish_signing_in(string second)
    {
        var email = await factory.NewStaffAsync(Roles.Specialist);
        var key = await SetUpAuthenticatorAsync(await factory.SignedInAs(email, StaffTestData.Password));
        string recoveryCode;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            recoveryCode = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 1))!.Single();
        }

        var client = factory.Client();
        var password = await client.SignIn(email, StaffTestData.Password);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", password.Headers.Location!.Where());
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().DisableAsync(email, null)).Succeeded);

        var finished = second == "code"
            ? await client.PostForm(password.Headers.Location!.Where(), new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Now(key), ["Input.RememberMachine"] = "false" })
            : await client.PostForm("/Identity/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCode });
        Assert.NotEqual("/BackOffice", finished.Headers.Location?.Where());
        var office = await client.GetAsync("/BackOffice");
        Assert.Equal(HttpStatusCode.Redirect, office.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", office.Headers.Location!.Where());
    }
}
