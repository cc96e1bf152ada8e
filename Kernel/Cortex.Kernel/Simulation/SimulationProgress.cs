namespace Cortex.Simulation;

/// <summary>How far a run is, for progress bars: steps done, of how many, and wall time so far.</summary>
public sealed record SimulationProgress(long StepsDone, long TotalSteps, TimeSpan Elapsed, double Dt)
{
    /// <summary>Fraction done, 0..1.</summary>
    public double Fraction => TotalSteps == 0 ? 1 : (double)StepsDone / TotalSteps;

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double RealTimeFactor => Elapsed.TotalSeconds <= 0 ? 0 : StepsDone * Dt * 1e-3 / Elapsed.TotalSeconds;

    /// <summary>Estimated wall time left.</summary>
    public TimeSpan Remaining => StepsDone == 0 ? TimeSpan.Zero : Elapsed * ((double)(TotalSteps - StepsDone) / StepsDone);
}
