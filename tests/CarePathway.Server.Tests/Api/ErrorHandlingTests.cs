using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Api;

public sealed class ErrorHandlingTests(SqliteAppFactory factory) : IClassFixture<SqliteAppFactory>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Appends throwing routes after the app's own pipeline (so they run inside its exception handler).</summary>
    private sealed class ThrowingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path.Value switch
            {
                "/api/test/conflict" => throw new DbUpdateConcurrencyException("secret detail of the conflict"),
                "/api/test/boom" => throw new InvalidOperationException("secret detail of the failure"),
                _ => Task.CompletedTask,
            });
        };
    }

    private async Task<HttpClient> SignedInClientAsync()
    {
        var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ThrowingRoutes>()));
        hosts.Add(app);
        var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest("clinician", SecuritySeeder.DemoPassword));
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    [Fact]
    public async Task A_concurrency_conflict_becomes_409_problem_details()
    {
        var response = await (await SignedInClientAsync()).GetAsync("/api/test/conflict");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_500_problem_details_without_a_stack_trace()
    {
        var response = await (await SignedInClientAsync()).GetAsync("/api/test/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }
}
