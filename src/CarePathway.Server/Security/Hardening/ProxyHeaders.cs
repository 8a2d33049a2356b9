using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security;

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (configuration section <c>Proxy</c>).</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Addresses of the proxies (e.g. <c>10.0.0.5</c>); loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form (e.g. <c>10.0.0.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// Behind a TLS-terminating proxy the request reaches Kestrel as plain http: without the forwarded headers the sign-in
/// cookie was not <c>Secure</c>, HSTS was not sent, the Origin check compared against <c>http://</c>, and the sign-in
/// rate limit counted the proxy as one client. Only the configured proxies are believed, so a client cannot claim
/// another address.
/// </summary>
public static class ProxyHeaders
{
    public static IServiceCollection AddProxyHeaders(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.TryParse(address, out var ip)
                    ? ip
                    : throw new InvalidOperationException($"Proxy:KnownProxies '{address}' is not an IP address."));
            }

            foreach (var network in proxy.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Proxy:KnownNetworks '{network}' is not a network in CIDR form (10.0.0.0/24)."));
            }
        });
        return services;
    }
}
