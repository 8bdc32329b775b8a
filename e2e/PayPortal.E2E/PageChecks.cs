using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PayPortal.E2E;

public static class PageChecks
{
    /// <summary>Signs in through the real form and waits for the landing page.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Generous: on a loaded 2-core machine the first sign-in of a run (password hashing, a cold page) can be slow.
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login"), new() { Timeout = 60_000 });
    }

    /// <summary>Clicks a link by its exact name and waits until its page (<paramref name="path"/>) has loaded, so what follows checks that page.</summary>
    public static async Task FollowLinkAsync(this IPage page, string name, string path)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { WaitUntil = WaitUntilState.Load });
    }

    /// <summary>Runs axe on the page as it is now and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var results = await page.RunAxe();
        var blocking = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", blocking.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}";

    /// <summary>Saves a screenshot for the README when UPDATE_SCREENSHOTS names a folder.</summary>
    public static async Task MaybeScreenshotAsync(this IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = false });
        }
    }
}
