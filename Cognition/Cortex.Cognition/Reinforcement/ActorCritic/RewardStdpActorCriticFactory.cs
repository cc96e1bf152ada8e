using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.ActorCritic;

/// <summary>Makes <see cref="RewardStdpActorCritic"/> agents: <c>--agent rstdp</c>, parameters prefixed <c>rstdp_</c>.</summary>
public sealed class RewardStdpActorCriticFactory : ICheckedAgentFactory
{
    /// <summary>The prefix of this agent's parameter names.</summary>
    public const string Prefix = "rstdp_";

    /// <inheritdoc />
    public string Name => "rstdp";

    /// <inheritdoc />
    public string Description => "spiking actor-critic with TD-error-modulated STDP (Fremaux, Sprekeler & Gerstner 2013)";

    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new(Prefix + "tiles", Dimension.Dimensionless, 10, ValueRule.Positive, "place cells tiling each observation component (>= 2)"),
        new(Prefix + "cells", Dimension.Dimensionless, 0, ValueRule.NonNegative, "factorized (a row of place cells per observation component) or conjunctive (one cell per combination: tiles^components)")
        {
            Choices = ["factorized", "conjunctive"],
        },
        new(Prefix + "field_width", Dimension.Dimensionless, 0.6, ValueRule.Positive, "s.d. of a place field, in tile spacings"),
        new(Prefix + "input_rate", Dimension.Frequency, 300, ValueRule.Positive, "peak rate of a place cell"),
        new(Prefix + "input_code", Dimension.Dimensionless, 0, ValueRule.NonNegative, "regular (rate-coded spike trains, no Poisson noise) or poisson")
        {
            Choices = ["regular", "poisson"],
        },
        new(Prefix + "window", Dimension.Time, 30, ValueRule.Positive, "how long each observation is presented; actor and critic spikes are counted in it"),
        new(Prefix + "reward_window", Dimension.Time, 10, ValueRule.Positive, "silent interval after a step in which the TD error is delivered as dopamine"),
        new(Prefix + "dt", Dimension.Time, 1, ValueRule.Positive, "simulation time step"),
        new(Prefix + "critic_size", Dimension.Dimensionless, 40, ValueRule.Positive, "LIF neurons of the critic, whose rate codes the value"),
        new(Prefix + "actor_size", Dimension.Dimensionless, 10, ValueRule.Positive, "LIF neurons per action population"),
        new(Prefix + "gamma", Dimension.Dimensionless, 0.95, ValueRule.Probability, "discount per environment step in the TD error"),
        new(Prefix + "value_min", Dimension.Dimensionless, 0, ValueRule.Any, "value coded by a silent critic"),
        new(Prefix + "value_max", Dimension.Dimensionless, 1, ValueRule.Any, "value coded by the critic firing at critic_rate"),
        new(Prefix + "critic_rate", Dimension.Frequency, 100, ValueRule.Positive, "critic rate that codes value_max"),
        new(Prefix + "eta_critic", Dimension.Dimensionless, 0.0005, ValueRule.NonNegative, "rstdp learning rate of the input-to-critic synapses (per ms, per unit of dopamine and eligibility)"),
        new(Prefix + "eta_actor", Dimension.Dimensionless, 0.0005, ValueRule.NonNegative, "rstdp learning rate of the input-to-actor synapses"),
        new(Prefix + "tau_c", Dimension.Time, 30, ValueRule.Positive, "eligibility-trace time constant"),
        new(Prefix + "w_init", Dimension.Current, 0.1, ValueRule.NonNegative, "mean initial input weight (drawn ±20 % uniformly) for one component's row of cells; scaled for the code so that the drive stays the same"),
        new(Prefix + "w_max", Dimension.Current, 0.4, ValueRule.Positive, "upper bound of the plastic weights, scaled like w_init"),
        new(Prefix + "w_min", Dimension.Current, 0, ValueRule.Any, "lower bound of the plastic weights, scaled like w_init; below 0 an input can come to inhibit an action (e.g. moving into a wall)"),
        new(Prefix + "inhibition", Dimension.Current, 0.3, ValueRule.NonNegative, "weight of the lateral inhibition between action populations"),
        new(Prefix + "bias", Dimension.Current, 0.05, ValueRule.Any, "current into the actor neurons while an observation is presented"),
        new(Prefix + "noise", Dimension.Current, 0.3, ValueRule.NonNegative, "s.d. of a per-step current drawn for each action population while training (exploration)"),
    ];

    /// <inheritdoc />
    public IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var problem in ParameterProblem.WholeNumbers(values, Prefix + "tiles", Prefix + "critic_size", Prefix + "actor_size")) yield return problem;
        if (values[Prefix + "tiles"] < 2) yield return new(Prefix + "tiles", $"must be >= 2, got {values[Prefix + "tiles"]}");
        if (values[Prefix + "cells"] is not (0 or 1)) yield return new(Prefix + "cells", $"expected one of factorized, conjunctive, got {values[Prefix + "cells"]}");
        if (values[Prefix + "input_code"] is not (0 or 1)) yield return new(Prefix + "input_code", $"expected one of regular, poisson, got {values[Prefix + "input_code"]}");
        if (values[Prefix + "value_min"] >= values[Prefix + "value_max"])
            yield return new(Prefix + "value_min", $"must be below value_max ({values[Prefix + "value_max"]}), got {values[Prefix + "value_min"]}");
        if (values[Prefix + "w_min"] > values[Prefix + "w_init"])
            yield return new(Prefix + "w_min", $"must not exceed w_init ({values[Prefix + "w_init"]} nA), got {values[Prefix + "w_min"]} nA");
        if (values[Prefix + "w_init"] > values[Prefix + "w_max"])
            yield return new(Prefix + "w_init", $"must not exceed w_max ({values[Prefix + "w_max"]} nA), got {values[Prefix + "w_init"]} nA");
        if (values[Prefix + "window"] < values[Prefix + "dt"])
            yield return new(Prefix + "window", $"must be at least one time step ({values[Prefix + "dt"]} ms), got {values[Prefix + "window"]} ms");
    }

    /// <inheritdoc />
    public IReinforcementAgent Create(IControlEnvironment environment, TaskContext context, ParameterValues parameters, ulong seed) =>
        new RewardStdpActorCritic(environment, context, ActorCriticSettings.From(parameters), seed);
}
