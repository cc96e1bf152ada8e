using Cortex.Models;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement.SurrogateGradient;

/// <summary>
/// Makes <see cref="SurrogateGradientAgent"/>s by the name <c>sg</c> (<c>--agent sg</c>), with the <c>sg_</c>
/// parameters of <see cref="SurrogateGradientSettings"/>.
/// </summary>
public sealed class SurrogateGradientAgentFactory : ICheckedAgentFactory
{
    /// <summary>The one instance (the factory has no state).</summary>
    public static SurrogateGradientAgentFactory Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "sg";

    /// <inheritdoc />
    public string Description => "spiking actor-critic (two LIF layers, leaky-integrator readout) trained by PPO with surrogate gradients on TorchSharp";

    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters => SurrogateGradientSettings.Parameters;

    /// <inheritdoc />
    public IEnumerable<ParameterProblem> Check(ParameterValues values) => SurrogateGradientSettings.Check(values);

    /// <inheritdoc />
    /// <exception cref="TaskParameterException">An <c>sg_</c> value is wrong; the message names it.</exception>
    public IReinforcementAgent Create(IControlEnvironment environment, TaskContext context, ParameterValues parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = Check(parameters).ToList();
        if (problems.Count > 0)
            throw new TaskParameterException(environment.Name, [.. problems.Select(p => new Cortex.Spec.SpecError(p.Parameter, p.Message))]);
        return new SurrogateGradientAgent(environment, SurrogateGradientSettings.From(parameters), seed, context.Episodes);
    }
}
