using Microsoft.Playwright;

namespace CarePathway.Web.Tests.Infrastructure;

/// <summary>Full-page screenshots of the main pages, under tests/CarePathway.Web.Tests/screenshots/ (to look at after a run).</summary>
public static class Screenshots
{
    public static readonly string Folder = Path.Combine(FindProjectFolder(), "screenshots");

    public static Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    private static string FindProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CarePathway.Web.Tests.csproj"))) return dir.FullName;
        }

        return AppContext.BaseDirectory;
    }
}
