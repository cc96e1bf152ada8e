namespace Cortex.Simulation;

/// <summary>
/// The real-time factor as NEST, GeNN and SpiNNaker papers define it: wall-clock time divided by biological time, so
/// lower is faster and 1 is real time (a value of 0.5 simulates a second in half a second).
/// </summary>
public static class RealTimeFactor
{
    /// <summary>Wall seconds per biological second; 0 while no biological time has passed.</summary>
    public static double Of(double wallSeconds, double biologicalSeconds) =>
        biologicalSeconds <= 0 ? 0 : wallSeconds / biologicalSeconds;
}
