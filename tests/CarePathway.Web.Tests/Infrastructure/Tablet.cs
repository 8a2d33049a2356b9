using Microsoft.Playwright;

namespace CarePathway.Web.Tests.Infrastructure;

/// <summary>
/// The issue asks for pages usable down to a tablet: at 768 px the page must fit the width (nothing
/// to scroll sideways). The page is screenshotted there and put back to the size it had.
/// </summary>
public static class Tablet
{
    public const int Width = 768;

    public static async Task ExpectFitsAsync(IPage page, string screenshot)
    {
        var before = page.ViewportSize;
        await page.SetViewportSizeAsync(Width, 1024);
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= Width, $"the page is {pageWidth} px wide at {Width} px: it scrolls sideways");
        await Screenshots.SaveAsync(page, screenshot);
        if (before is not null) await page.SetViewportSizeAsync(before.Width, before.Height);
    }
}
