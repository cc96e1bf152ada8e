using Cortex.Models;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.SurrogateGradient;

/// <summary>
/// The <c>sg</c> agent's parameters, typed. With 400 training episodes the defaults solve CartPole-v1 (greedy mean 500
/// over 100 episodes for 4 of seeds 1–5); the PPO values follow the RL Baselines3 Zoo's tuned CartPole-v1 entry (γ 0.98, λ 0.8, lr 1e-3
/// linearly annealed, 256-step rollouts, clip 0.2, no entropy bonus).
/// </summary>
public sealed record SurrogateGradientSettings
{
    /// <summary>LIF neurons in each of the two hidden layers (of the policy and of the value network).</summary>
    public required int Hidden { get; init; }

    /// <summary>Simulation steps T each observation is presented for.</summary>
    public required int TimeSteps { get; init; }

    /// <summary>Membrane time constant of the hidden LIF neurons, in simulation steps.</summary>
    public required double TauHidden { get; init; }

    /// <summary>Time constant of the non-spiking leaky-integrator readout, in simulation steps.</summary>
    public required double TauReadout { get; init; }

    /// <summary>Adam's learning rate (at the start, when annealed).</summary>
    public required double LearningRate { get; init; }

    /// <summary>Whether the learning rate falls linearly to zero over the run's training episodes.</summary>
    public required bool Anneal { get; init; }

    /// <summary>Discount γ.</summary>
    public required double Gamma { get; init; }

    /// <summary>GAE's λ.</summary>
    public required double Lambda { get; init; }

    /// <summary>PPO's ratio clip ε.</summary>
    public required double Clip { get; init; }

    /// <summary>Environment steps collected between updates.</summary>
    public required int Rollout { get; init; }

    /// <summary>Samples per gradient step.</summary>
    public required int Minibatch { get; init; }

    /// <summary>Passes over each rollout.</summary>
    public required int Epochs { get; init; }

    /// <summary>Weight of the entropy bonus.</summary>
    public required double Entropy { get; init; }

    /// <summary>Weight of the value loss.</summary>
    public required double ValueCoefficient { get; init; }

    /// <summary>Gradient-norm clip, per network (policy and value separately).</summary>
    public required double MaxGradNorm { get; init; }

    /// <summary>
    /// Training episodes over which greedy play's policy is chosen: the policy as it was after the best run of this many
    /// episodes (highest mean training return, the latest among equals); 0: greedy play uses the current policy.
    /// </summary>
    public required int BestWindow { get; init; }

    /// <summary>The parameter names, prefixed <c>sg_</c> so they do not collide with a task's or another agent's.</summary>
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("sg_hidden", Dimension.Dimensionless, 64, ValueRule.Positive, "LIF neurons per hidden layer (two layers, in the policy and in the value network)"),
        new("sg_steps", Dimension.Dimensionless, 8, ValueRule.Positive, "simulation steps T each observation is presented for (constant current)"),
        new("sg_tau", Dimension.Dimensionless, 2, ValueRule.Positive, "hidden LIF membrane time constant, in simulation steps"),
        new("sg_tau_out", Dimension.Dimensionless, 4, ValueRule.Positive, "leaky-integrator readout time constant, in simulation steps"),
        new("sg_lr", Dimension.Dimensionless, 1e-3, ValueRule.Positive, "Adam learning rate (initial, when annealed)"),
        new("sg_anneal", Dimension.Dimensionless, 1, ValueRule.Probability, "1: learning rate falls linearly to 0 over the training episodes; 0: constant"),
        new("sg_gamma", Dimension.Dimensionless, 0.98, ValueRule.Probability, "discount factor γ"),
        new("sg_lambda", Dimension.Dimensionless, 0.8, ValueRule.Probability, "GAE λ"),
        new("sg_clip", Dimension.Dimensionless, 0.2, ValueRule.Positive, "PPO ratio clip ε"),
        new("sg_rollout", Dimension.Dimensionless, 256, ValueRule.Positive, "environment steps per PPO update"),
        new("sg_batch", Dimension.Dimensionless, 128, ValueRule.Positive, "samples per gradient step (at most sg_rollout)"),
        new("sg_epochs", Dimension.Dimensionless, 10, ValueRule.Positive, "passes over each rollout"),
        new("sg_entropy", Dimension.Dimensionless, 0, ValueRule.NonNegative, "entropy bonus weight"),
        new("sg_value_coef", Dimension.Dimensionless, 0.5, ValueRule.NonNegative, "value-loss weight"),
        new("sg_max_grad", Dimension.Dimensionless, 0.5, ValueRule.Positive, "gradient-norm clip, applied to the policy and the value network separately"),
        new("sg_best_window", Dimension.Dimensionless, 20, ValueRule.NonNegative, "greedy play uses the policy after the best run of this many training episodes (0: the current policy)"),
    ];

    /// <summary>
    /// Checks beyond each parameter's own rule: counts must be whole, the batch must fit the rollout, and every value
    /// must lie within its rule (for callers that did not resolve through a task). Empty when valid.
    /// </summary>
    public static IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var spec in Parameters)
            if (!spec.Rule.Accepts(values[spec.Name]) || !double.IsFinite(values[spec.Name]))
                yield return new(spec.Name, $"{spec.Rule.Requirement()}, got {values[spec.Name]}");
        foreach (var problem in ParameterProblem.WholeNumbers(values, "sg_hidden", "sg_steps", "sg_rollout", "sg_batch", "sg_epochs", "sg_anneal", "sg_best_window")) yield return problem;
        if (values["sg_batch"] > values["sg_rollout"])
            yield return new("sg_batch", $"must not exceed sg_rollout ({values["sg_rollout"]}), got {values["sg_batch"]}");
        if (values["sg_gamma"] >= 1) yield return new("sg_gamma", $"must be below 1, got {values["sg_gamma"]}");
    }

    /// <summary>The settings from resolved parameters, after <see cref="Check"/>.</summary>
    /// <exception cref="ArgumentException">A value fails <see cref="Check"/>; the message names the parameter.</exception>
    public static SurrogateGradientSettings From(ParameterValues p)
    {
        var problems = Check(p).ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems.Select(x => $"{x.Parameter}: {x.Message}")), nameof(p));
        return new()
        {
            Hidden = (int)p["sg_hidden"], TimeSteps = (int)p["sg_steps"], TauHidden = p["sg_tau"], TauReadout = p["sg_tau_out"],
            LearningRate = p["sg_lr"], Anneal = p["sg_anneal"] == 1, Gamma = p["sg_gamma"], Lambda = p["sg_lambda"], Clip = p["sg_clip"],
            Rollout = (int)p["sg_rollout"], Minibatch = (int)p["sg_batch"], Epochs = (int)p["sg_epochs"], Entropy = p["sg_entropy"],
            ValueCoefficient = p["sg_value_coef"], MaxGradNorm = p["sg_max_grad"], BestWindow = (int)p["sg_best_window"],
        };
    }

    /// <summary>The defaults.</summary>
    public static SurrogateGradientSettings Default => From(new ParameterValues(Parameters));
}
