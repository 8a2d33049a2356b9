using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace CarePathway.Server.Hosting;

public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddSchemaTransformer((schema, context, _) =>
        {
            // Problem details carry extension members besides the RFC's fields: traceId on every one,
            // and on a 409 what is there now ("current"). The schema says so, so clients keep them.
            if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type)) schema.AdditionalProperties = new OpenApiSchema();
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// The OpenAPI document at <c>/openapi/v1.json</c> and a small page that renders it at
    /// <c>/docs</c> (our own page: no UI package restores here). Both anonymous: they describe the
    /// API, they expose no data.
    /// </summary>
    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/docs", () => Results.Text(DocsPage.Html, "text/html; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
