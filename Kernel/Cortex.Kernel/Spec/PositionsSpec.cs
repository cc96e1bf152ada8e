namespace Cortex.Spec;

/// <summary>
/// 3D positions of a population's neurons in µm: either one point per neuron or uniformly random
/// in an axis-aligned box (drawn from the network seed).
/// </summary>
public sealed record PositionsSpec
{
    /// <summary>Explicit points, one per neuron, or null.</summary>
    public IReadOnlyList<Point3>? Points { get; init; }

    /// <summary>Lower corner of a random box, or null.</summary>
    public Point3? BoxMin { get; init; }

    /// <summary>Upper corner of a random box, or null.</summary>
    public Point3? BoxMax { get; init; }
}

/// <summary>A point in µm.</summary>
public readonly record struct Point3(double X, double Y, double Z);
