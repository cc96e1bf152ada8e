namespace Cortex.Simulation;

/// <summary>
/// What <see cref="SimulationRunner.Run"/> does when a stop was requested but the step in progress does not return (a
/// plugin's model stuck in a loop): a thread cannot be interrupted in .NET, so after <paramref name="Grace"/> the runner
/// completes the recordings from a watchdog thread (everything handed to the recorder is flushed and closed) and calls
/// <paramref name="Abandon"/> there, which should end the process (the host exits with the signal's code).
/// </summary>
/// <param name="Grace">How long the step may take to return after the stop was requested.</param>
/// <param name="Abandon">Called on the watchdog thread once the recordings are closed.</param>
public sealed record StuckStepPolicy(TimeSpan Grace, Action Abandon);
