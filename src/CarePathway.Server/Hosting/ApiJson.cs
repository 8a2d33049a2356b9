using System.Text.Json.Serialization;

namespace CarePathway.Server.Hosting;

public static class ApiJson
{
    /// <summary>
    /// Enums travel as their names (e.g. an input's kind "Expression"), in the JSON and in the OpenAPI
    /// document alike, so clients read the generated types instead of mirroring an enum's order by hand.
    /// </summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
}
