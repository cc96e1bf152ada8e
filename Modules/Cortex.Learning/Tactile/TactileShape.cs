namespace Cortex.Learning.Tactile;

/// <summary>
/// The objects of the synthetic tactile set, one class each, and their contact footprints: the pressure an object
/// presses into the taxel at offset (dx, dy) taxels from its centre, at size <c>scale</c>, in [0, 1].
/// </summary>
public static class TactileShape
{
    /// <summary>The class names, in label order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["disc", "ring", "bar_horizontal", "bar_vertical", "two_points", "cross"];

    /// <summary>The footprint of shape <paramref name="shape"/> (an index into <see cref="Names"/>) at (dx, dy).</summary>
    public static double Footprint(int shape, double dx, double dy, double scale)
    {
        var d = Math.Sqrt((dx * dx) + (dy * dy));
        return shape switch
        {
            0 => Edge((2.0 * scale) - d),
            1 => Bump(d - (2.2 * scale), 0.5),
            2 => Bar(dx, dy, 3.0 * scale),
            3 => Bar(dy, dx, 3.0 * scale),
            4 => Math.Max(Bump(Distance(dx - (1.8 * scale), dy - (1.8 * scale)), 0.8), Bump(Distance(dx + (1.8 * scale), dy + (1.8 * scale)), 0.8)),
            5 => Math.Max(Bar(dx, dy, 2.5 * scale), Bar(dy, dx, 2.5 * scale)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, $"shape must be 0..{Names.Count - 1}"),
        };
    }

    private static double Distance(double x, double y) => Math.Sqrt((x * x) + (y * y));

    /// <summary>A soft edge: 1 well inside (u &gt; 0), 0 well outside.</summary>
    private static double Edge(double u) => 1 / (1 + Math.Exp(-u / 0.3));

    private static double Bump(double u, double width) => Math.Exp(-(u * u) / (2 * width * width));

    /// <summary>A bar along the first axis: half-length <paramref name="halfLength"/>, Gaussian across.</summary>
    private static double Bar(double along, double across, double halfLength) => Edge(halfLength - Math.Abs(along)) * Bump(across, 0.6);
}
