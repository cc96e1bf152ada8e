using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.Bandit;

/// <summary>
/// The two-armed bandit with a reversal, solved by a small spiking network that learns by reward-modulated STDP
/// (<see cref="SpikingBanditAgent"/>). One episode is one session of all trials with a fresh network.
/// </summary>
public sealed class BanditTask : TaskModel
{
    /// <inheritdoc />
    public override string Name => "bandit";

    /// <inheritdoc />
    /// <remarks>The agent talks to its network only through the closed-loop session (injected current and cue spikes by global id, spikes read back, dopamine), so it runs on MPI ranks.</remarks>
    public override string? WhyNotDistributed => null;

    /// <inheritdoc />
    public override string Description => "two-armed bandit (reward 0.8/0.2, swapped half-way) solved by a spiking agent with reward-modulated STDP";

    /// <inheritdoc />
    public override string ScoreDescription => "fraction of the last quarter's trials (after the swap) choosing the better arm";

    /// <inheritdoc />
    public override string CurveDescription => $"better arm chosen (last {BanditMetrics.CurveWindow} trials)";

    /// <inheritdoc />
    public override string StepName => "trial";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("trials", Dimension.Dimensionless, 200, ValueRule.Positive, "trials per episode (a whole number >= 4); the arms swap after half of them"),
        new("p_good", Dimension.Dimensionless, 0.8, ValueRule.Probability, "reward probability of the better arm"),
        new("p_bad", Dimension.Dimensionless, 0.2, ValueRule.Probability, "reward probability of the worse arm"),
        new("trial", Dimension.Time, 50, ValueRule.Positive, "cue window in which the action populations compete"),
        new("iti", Dimension.Time, 250, ValueRule.NonNegative, "inter-trial interval: dopamine acts and eligibility decays"),
        new("dt", Dimension.Time, 1, ValueRule.Positive, "simulation time step"),
        new("cue_size", Dimension.Dimensionless, 20, ValueRule.Positive, "cue neurons (Poisson spikes during the cue window)"),
        new("cue_rate", Dimension.Frequency, 40, ValueRule.Positive, "firing rate of each cue neuron during the cue window"),
        new("action_size", Dimension.Dimensionless, 10, ValueRule.Positive, "LIF neurons per action population"),
        new("w_init", Dimension.Current, 0.05, ValueRule.NonNegative, "mean initial cue-to-action weight (drawn ±20 % uniformly)"),
        new("w_max", Dimension.Current, 0.15, ValueRule.Positive, "upper bound of the plastic weights"),
        new("inhibition", Dimension.Current, 0.5, ValueRule.NonNegative, "weight of the mutual inhibition between the action populations"),
        new("bias", Dimension.Current, 0.12, ValueRule.Any, "current into the action neurons during the cue window"),
        new("noise", Dimension.Current, 0.03, ValueRule.NonNegative, "s.d. of a per-trial current drawn for each action population (exploration)"),
        new("eta", Dimension.Dimensionless, 0.0003, ValueRule.NonNegative, "learning rate of rstdp (per ms, weight per unit of dopamine and eligibility)"),
        new("tau_c", Dimension.Time, 100, ValueRule.Positive, "eligibility-trace time constant"),
        new("tau_dopamine", Dimension.Time, 50, ValueRule.Positive, "decay time constant of the dopamine signal"),
        new("reward_tau", Dimension.Dimensionless, 10, ValueRule.Positive, "trials over which the expected reward is averaged (dopamine = reward - expected)"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var problem in ParameterProblem.WholeNumbers(values, "trials", "cue_size", "action_size")) yield return problem;
        if (values["trials"] < 4) yield return new("trials", $"must be >= 4, got {values["trials"]}");
        if (values["p_good"] <= values["p_bad"])
            yield return new("p_good", $"must exceed p_bad ({values["p_bad"]}), got {values["p_good"]}");
        if (values["w_init"] > values["w_max"])
            yield return new("w_init", $"must not exceed w_max ({values["w_max"]} nA), got {values["w_init"]} nA");
        if (values["reward_tau"] < 1) yield return new("reward_tau", $"must be >= 1 trial, got {values["reward_tau"]}");
        if (values["trial"] < values["dt"])
            yield return new("trial", $"must be at least one time step ({values["dt"]} ms), got {values["trial"]} ms");
    }

    /// <inheritdoc />
    public override ITaskRun Create(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = BanditSettings.From(context.Parameters);
        var bandit = new TwoArmedBandit(settings.Trials, settings.PGood, settings.PBad);
        return new EpisodicTaskRun<BanditCue, int>(context, bandit, new SpikingBanditAgent(context, settings), new BanditMetrics(bandit));
    }
}

/// <summary>The bandit's parameters, typed (times in ms, currents in nA).</summary>
public sealed record BanditSettings
{
    public required int Trials { get; init; }
    public required double PGood { get; init; }
    public required double PBad { get; init; }
    public required double TrialMs { get; init; }
    public required double ItiMs { get; init; }
    public required double Dt { get; init; }
    public required int CueSize { get; init; }
    public required double CueRateHz { get; init; }
    public required int ActionSize { get; init; }
    public required double WInit { get; init; }
    public required double WMax { get; init; }
    public required double Inhibition { get; init; }
    public required double Bias { get; init; }
    public required double Noise { get; init; }
    public required double Eta { get; init; }
    public required double TauC { get; init; }
    public required double TauDopamine { get; init; }
    public required double RewardTau { get; init; }

    /// <summary>The settings from resolved task parameters.</summary>
    public static BanditSettings From(ParameterValues p) => new()
    {
        Trials = (int)p["trials"], PGood = p["p_good"], PBad = p["p_bad"], TrialMs = p["trial"], ItiMs = p["iti"], Dt = p["dt"],
        CueSize = (int)p["cue_size"], CueRateHz = p["cue_rate"], ActionSize = (int)p["action_size"],
        WInit = p["w_init"], WMax = p["w_max"], Inhibition = p["inhibition"], Bias = p["bias"], Noise = p["noise"],
        Eta = p["eta"], TauC = p["tau_c"], TauDopamine = p["tau_dopamine"], RewardTau = p["reward_tau"],
    };
}
