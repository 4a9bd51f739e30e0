using Microsoft.Extensions.DependencyInjection;
using Opto.Training.Remote;

namespace Opto.Orleans;

/// <summary>Registers what a silo needs to run training rollouts.</summary>
public static class OptoOrleansServiceCollectionExtensions
{
    /// <summary>
    /// Registers the silo's <see cref="RolloutHost"/>: <paramref name="register"/> adds the agents trainers send rollouts
    /// for, made from the silo's services (<c>(services, host) =&gt; host.Add("tickets", () =&gt; ...)</c>).
    /// </summary>
    /// <param name="services">The silo's services (<c>siloBuilder.Services</c>).</param>
    /// <param name="register">Adds the agents to the host.</param>
    /// <param name="maxConcurrentRollouts">How many rollouts this silo runs at the same time (its share of the work); <see langword="null"/>: no limit.</param>
    public static IServiceCollection AddOptoRolloutHost(this IServiceCollection services, Action<IServiceProvider, RolloutHost> register, int? maxConcurrentRollouts = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(register);
        return services.AddSingleton(provider =>
        {
            var host = new RolloutHost(maxConcurrentRollouts: maxConcurrentRollouts);
            register(provider, host);
            return host;
        });
    }
}
