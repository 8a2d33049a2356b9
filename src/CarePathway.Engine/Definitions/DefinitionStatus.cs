namespace CarePathway.Engine.Definitions;

/// <summary>Lifecycle of a definition version: draft -> published -> retired. Published versions never change.</summary>
public static class DefinitionStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Retired = "retired";
}
