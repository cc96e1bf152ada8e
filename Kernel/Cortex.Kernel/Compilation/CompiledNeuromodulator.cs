namespace Cortex.Compilation;

/// <summary>
/// A named neuromodulator (e.g. dopamine): one level per population, set or pulsed from outside (a task, a
/// closed-loop caller), relaxing towards <see cref="Baseline"/> by <see cref="DecayPerStep"/> every step.
/// </summary>
/// <param name="Name">Name that models, rules and callers use.</param>
/// <param name="Index">Index in <see cref="CompiledNetwork.Neuromodulators"/>.</param>
/// <param name="Baseline">The level it starts at and relaxes to.</param>
/// <param name="DecayPerStep">exp(−dt/τ), or 1 when the level holds until set again.</param>
public sealed record CompiledNeuromodulator(string Name, int Index, float Baseline, float DecayPerStep);
