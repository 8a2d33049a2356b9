using Microsoft.Playwright;

namespace CarePathway.Web.Tests.Infrastructure;

/// <summary>
/// A ward phone (390 px, an iPhone 12-15's CSS width): the page must fit the width, nothing to scroll sideways.
/// The page is screenshotted there and put back to the size it had.
/// </summary>
public static class Phone
{
    public const int Width = 390;

    public static async Task ExpectFitsAsync(IPage page, string screenshot)
    {
        var before = page.ViewportSize;
        await page.SetViewportSizeAsync(Width, 844);
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (pageWidth > Width)
        {
            // The innermost elements that stick out, so the failure says what to fix.
            var wide = await page.EvaluateAsync<string[]>(
                $"[...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > {Width} + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > {Width} + 1))"
                + ".slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px): ${e.textContent.trim().slice(0, 50)}`)");
            Assert.Fail($"the page is {pageWidth} px wide at {Width} px: it scrolls sideways; sticking out: {string.Join(" | ", wide)}");
        }
        // A table in a scrolling box would fit the page and still hide its columns: nothing may be wider than its box.
        var clipped = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('.table-scroll')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 60))");
        Assert.True(clipped.Length == 0, $"a table scrolls sideways at {Width} px: {string.Join(" | ", clipped)}");
        await Screenshots.SaveAsync(page, screenshot);
        if (before is not null) await page.SetViewportSizeAsync(before.Width, before.Height);
    }
}
