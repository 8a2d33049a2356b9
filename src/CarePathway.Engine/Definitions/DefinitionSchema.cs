namespace CarePathway.Engine.Definitions;

/// <summary>
/// The JSON Schema (draft 2020-12) of the pathway format, shipped inside the engine so the server
/// can serve it and the designer can read it. It describes what <see cref="DefinitionJson"/> reads.
/// </summary>
public static class DefinitionSchema
{
    public const string ResourceName = "CarePathway.Engine.pathway.schema.json";

    public static string Json { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(DefinitionSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the engine assembly does not embed {ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
