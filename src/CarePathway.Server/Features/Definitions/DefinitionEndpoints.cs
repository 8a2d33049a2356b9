using System.Text.Json.Nodes;
using CarePathway.Engine.Definitions;
using CarePathway.Server.Hosting;
using CarePathway.Server.Security;
using MediatR;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Features.Definitions;

internal static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/activities", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetActivityCatalog(), ct)))
            .WithTags("Definitions");

        var definitions = api.MapGroup("/definitions").WithTags("Definitions");
        definitions.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListDefinitions(), ct)));
        definitions.MapGet("/schema", () => TypedResults.Text(DefinitionSchema.Json, "application/schema+json"))
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/schema+json");
        definitions.MapGet("/awaiting-approval", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListVersionsAwaitingApproval(), ct)))
            .RequireAuthorization(Policies.DefinitionApproval).ProducesProblems(Forbidden);
        definitions.MapGet("/{definitionId}", async (IMediator m, string definitionId, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetDefinitionVersion(definitionId, null), ct)))
            .ProducesProblems(NotFound);
        definitions.MapGet("/{definitionId}/versions/{version:int}", async (IMediator m, string definitionId, int version, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetDefinitionVersion(definitionId, version), ct)))
            .ProducesProblems(NotFound);
        definitions.MapGet("/{definitionId}/versions/{version:int}/review", async (IMediator m, string definitionId, int version, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetPublishReview(definitionId, version), ct)))
            .ProducesProblems(NotFound | Unprocessable);
        definitions.MapPost("/{definitionId}/versions/{version:int}/approve", async (IMediator m, string definitionId, int version, ApprovalBody? body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ApproveDefinition(definitionId, version, body?.Note), ct)))
            .RequireAuthorization(Policies.DefinitionApproval).ProducesProblems(BadRequest | Forbidden | NotFound | Conflict);
        definitions.MapPost("/validate", async (IMediator m, JsonNode body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ValidateDefinition(body), ct)))
            .ProducesProblems(BadRequest);

        var admin = definitions.MapGroup("/").RequireAuthorization(Policies.AdministratorOnly).ProducesProblems(Forbidden);
        admin.MapPost("/", async (IMediator m, JsonNode body, CancellationToken ct) =>
        {
            var draft = await m.Send(new CreateDraft(body), ct);
            return TypedResults.Created($"/api/definitions/{draft.DefinitionId}/versions/{draft.Version}", draft);
        }).ProducesProblems(BadRequest | Conflict);
        admin.MapPut("/{definitionId}/versions/{version:int}", async (IMediator m, string definitionId, int version, DraftBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new UpdateDraft(definitionId, version, body.Definition, body.RowVersion), ct)))
            .ProducesProblems(BadRequest | NotFound | Conflict);
        admin.MapPost("/{definitionId}/versions/{version:int}/publish", async (IMediator m, string definitionId, int version, PublishBody? body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new PublishDefinition(definitionId, version, body?.ChangeNote), ct)))
            .ProducesProblems(BadRequest | NotFound | Conflict | Unprocessable);
        admin.MapGet("/{definitionId}/versions/{version:int}/positions", async (IMediator m, string definitionId, int version, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GetVersionPositions(definitionId, version), ct)))
            .ProducesProblems(NotFound);
        admin.MapPost("/simulate", async (IMediator m, SimulationBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new SimulateDefinition(body.Definition, body.Scenario), ct)))
            .ProducesProblems(BadRequest | Unprocessable);
        admin.MapPost("/scenario-template", async (IMediator m, TemplateBody body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ScenarioTemplateOf(body.Definition), ct)))
            .ProducesProblems(BadRequest | Unprocessable);
        admin.MapPost("/{definitionId}/versions/{version:int}/retire", async (IMediator m, string definitionId, int version, RetireBody? body, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new RetireDefinition(definitionId, version, body?.Reason), ct)))
            .ProducesProblems(BadRequest | NotFound | Conflict);
    }

    /// <summary>A definition document (an unsaved draft is fine) and a scenario in the CLI's <c>simulate</c> format.</summary>
    public sealed record SimulationBody(JsonNode? Definition, JsonNode? Scenario);

    /// <summary>A definition document (an unsaved draft is fine) to build a scenario for.</summary>
    public sealed record TemplateBody(JsonNode? Definition);

    /// <summary>Publishing a draft: what changes and why (kept in the version's history and the audit).</summary>
    public sealed record PublishBody(string? ChangeNote);

    /// <summary>Approving a version awaiting approval: an optional note for the audit.</summary>
    public sealed record ApprovalBody(string? Note);

    /// <summary>Retiring a version (or withdrawing one awaiting approval): why.</summary>
    public sealed record RetireBody(string? Reason);

    /// <summary>An edit of a draft: the document and the rowVersion the editor loaded.</summary>
    public sealed record DraftBody(JsonNode? Definition, long? RowVersion);
}
