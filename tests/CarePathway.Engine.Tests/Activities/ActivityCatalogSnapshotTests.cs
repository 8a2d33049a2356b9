using System.Text.Json;
using System.Text.Json.Serialization;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Activities;

/// <summary>
/// The catalog the designer reads (GET /api/activities), pinned as JSON: descriptors are derived from each activity's
/// typed inputs, and this snapshot was written from the hand-written descriptors they replaced, so any drift in what
/// the designer and the validator see fails here.
/// </summary>
public sealed class ActivityCatalogSnapshotTests
{
    private static readonly string SnapshotPath = Path.Combine(RepoPaths.Root, "tests", "CarePathway.Engine.Tests", "Activities", "activity-catalog.json");

    /// <summary>As the server serializes it: web defaults, enums as their names.</summary>
    private static readonly JsonSerializerOptions ServedJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    [Fact]
    public void Every_descriptor_is_as_the_designer_has_always_read_it()
    {
        var served = JsonSerializer.Serialize(ActivityCatalog.Default.Descriptors, ServedJson);
        // A deliberate change to the catalog is written with CAREPATHWAY_UPDATE_ACTIVITY_SNAPSHOT=1, then reviewed in the diff.
        if (Environment.GetEnvironmentVariable("CAREPATHWAY_UPDATE_ACTIVITY_SNAPSHOT") == "1") File.WriteAllText(SnapshotPath, served + Environment.NewLine);
        Assert.Equal(File.ReadAllText(SnapshotPath).ReplaceLineEndings(), served.ReplaceLineEndings() + Environment.NewLine);
    }
}
