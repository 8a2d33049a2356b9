using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// MediatR 5.1 has no DI extension package here, so handlers are found by a short scan of this
/// assembly. Behaviours run outermost first: audit, validation, concurrency retry, single writer (SQLite), transaction.
/// </summary>
internal static class MediatorRegistration
{
    public static IServiceCollection AddMediator(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<AuditTrail>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ConcurrencyRetryBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(SingleWriterBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));

        var handlerInterface = typeof(IRequestHandler<,>);
        foreach (var type in typeof(MediatorRegistration).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == handlerInterface))
            {
                services.AddScoped(contract, type);
            }
        }

        return services;
    }
}
