using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>Refuses a request whose fields are wrong before its handler runs, listing every problem.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IValidatable validatable)
        {
            var problems = validatable.Validate().ToList();
            if (problems.Count > 0) throw new RequestValidationException(problems);
        }

        return next();
    }
}
