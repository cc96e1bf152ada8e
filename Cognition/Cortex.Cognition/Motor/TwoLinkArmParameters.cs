namespace Cortex.Cognition.Motor;

/// <summary>
/// Segment lengths, masses, centres of mass, moments of inertia and joint viscosity of a two-link planar arm
/// (shoulder and elbow), in SI units: m, kg, kg·m², N·m·s/rad.
/// </summary>
/// <param name="L1">Upper-arm length (shoulder to elbow).</param>
/// <param name="L2">Forearm length (elbow to hand).</param>
/// <param name="M1">Upper-arm mass.</param>
/// <param name="M2">Forearm mass.</param>
/// <param name="S1">Distance from the shoulder to the upper arm's centre of mass.</param>
/// <param name="S2">Distance from the elbow to the forearm's centre of mass.</param>
/// <param name="I1">Upper-arm moment of inertia about the shoulder joint.</param>
/// <param name="I2">Forearm moment of inertia about the elbow joint.</param>
/// <param name="B11">Joint viscosity, shoulder.</param>
/// <param name="B12">Joint viscosity, shoulder–elbow coupling (symmetric).</param>
/// <param name="B22">Joint viscosity, elbow.</param>
public sealed record TwoLinkArmParameters(double L1, double L2, double M1, double M2, double S1, double S2, double I1, double I2,
    double B11, double B12, double B22)
{
    /// <summary>
    /// The human arm of Li &amp; Todorov (2004, ICINCO, "Iterative linear quadratic regulator design for nonlinear biological
    /// movement systems", Section 4): l1 = 0.30 m, l2 = 0.33 m, m1 = 1.4 kg, m2 = 1.0 kg, s1 = 0.11 m, s2 = 0.16 m,
    /// I1 = 0.025 kg·m², I2 = 0.045 kg·m², B = [0.05 0.025; 0.025 0.05] N·m·s/rad.
    /// </summary>
    public static TwoLinkArmParameters LiTodorov2004 { get; } = new(0.30, 0.33, 1.4, 1.0, 0.11, 0.16, 0.025, 0.045, 0.05, 0.025, 0.05);

    /// <summary>The same arm without joint viscosity (for energy-conservation checks).</summary>
    public TwoLinkArmParameters Frictionless => this with { B11 = 0, B12 = 0, B22 = 0 };
}
