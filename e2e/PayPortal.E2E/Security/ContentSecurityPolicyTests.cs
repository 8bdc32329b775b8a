using Microsoft.Playwright;

namespace PayPortal.E2E.Security;

/// <summary>Proves the CSP check of every journey: an inline script is blocked by the browser and reported.</summary>
[Collection(PortalCollection.Name)]
public class ContentSecurityPolicyTests(PortalServer server)
{
    [Fact]
    public async Task An_inline_script_is_blocked_and_reported()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Login");
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Empty(CspViolations.Current);

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => true");
        for (var i = 0; i < 50 && CspViolations.Current.Count == 0; i++) await Task.Delay(100);

        Assert.False(await page.EvaluateAsync<bool>("() => window.inlineRan === true"));
        Assert.Contains(CspViolations.Current, v => v.Contains("Content Security Policy"));
        // Expected here: the journey itself did nothing wrong.
        CspViolations.Clear();
    }
}
