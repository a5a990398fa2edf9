using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IceCheckout.ServiceDefaults.Problems;

public static class BadRequestProblemsExtensions
{
    /// <summary>
    /// Binding failures of minimal APIs throw in every environment, so that <see cref="BadRequestExceptionHandler"/> answers
    /// them with a 400 ProblemDetails that says what was wrong.
    /// </summary>
    public static IServiceCollection AddBadRequestProblems(this IServiceCollection services)
    {
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
