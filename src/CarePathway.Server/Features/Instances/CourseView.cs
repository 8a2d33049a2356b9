using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Server.Features.Instances;

/// <summary>
/// The treatment course as the web app shows it, read from the instance state: cycle, start weight, the
/// dose plan with the clinician's decision, administered doses, the current clearance, the last gate with
/// each rule explained, held counts and the earliest next dose; and the baselines captured when the course
/// started. Instances without clinical activities answer an empty course (cycle 0, nothing given).
/// </summary>
internal static class CourseView
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static JsonObject Course(InstanceState state) => JsonSerializer.SerializeToNode(state.Course, Web)!.AsObject();

    public static JsonObject Baselines(InstanceState state) => JsonSerializer.SerializeToNode(state.Baselines, Web)!.AsObject();
}
