using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security;

/// <summary>Sign-in attempts allowed per client address (configuration section <c>SignIn</c>).</summary>
public sealed class SignInRateLimitOptions
{
    public const string SectionName = "SignIn";

    /// <summary>Attempts (sign-in and refresh) per client address per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Password guessing is slowed per client address (ASVS 2.2.1): beyond <see cref="SignInRateLimitOptions.PermitLimit"/>
/// attempts in a window the answer is 429 problem details with <c>Retry-After</c>, before any password is checked.
/// Lockout (10 wrong passwords) protects each account; this protects against one client trying many accounts.
/// The address is the client's as the forwarded headers give it behind a trusted proxy (<see cref="ProxyHeaders"/>).
/// </summary>
public static class SignInRateLimit
{
    public const string PolicyName = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services)
    {
        services.AddOptions<SignInRateLimitOptions>().BindConfiguration(SignInRateLimitOptions.SectionName);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
            });
            options.OnRejected = async (context, ct) =>
            {
                var window = context.HttpContext.RequestServices.GetRequiredService<IOptions<SignInRateLimitOptions>>().Value.Window;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many sign-in attempts",
                        Detail = "Too many sign-in attempts from this address; try again later.",
                    },
                });
            };
        });
        return services;
    }
}
