using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in for an OpenTelemetry collector: an HTTP listener on a free loopback port that accepts OTLP/HTTP
/// exports (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>), answers 200 with an empty (valid)
/// protobuf response, and remembers which signals arrived.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> received = new();

    private OtlpCollector(WebApplication app) => this.app = app;

    public string Endpoint { get; private set; } = "";

    /// <summary>The signals exported so far (traces, metrics, logs), one entry per request.</summary>
    public IReadOnlyCollection<string> Received => received;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var collector = new OtlpCollector(builder.Build());
        collector.app.MapPost("/v1/{signal}", (string signal) =>
        {
            collector.received.Enqueue(signal);
            return Results.Bytes([], "application/x-protobuf");
        });
        await collector.app.StartAsync();
        collector.Endpoint = collector.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return collector;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
