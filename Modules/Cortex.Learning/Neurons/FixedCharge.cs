namespace Cortex.Learning.Neurons;

/// <summary>
/// A charge with fixed parameters, which the fused kernel can run without building a per-step graph:
/// h = v + k·(x − (v − v_leak)) for LIF, or h = v + x for an integrator (IF).
/// </summary>
public readonly record struct FixedCharge(bool Integrator, float Leak, float VLeak)
{
    /// <summary>The charge from the previous membrane and the input, in the same float operations as the graph path.</summary>
    public float Apply(float v, float x) => Integrator ? v + x : v + (x - (v - VLeak)) * Leak;

    /// <summary>∂h/∂v.</summary>
    public float MembraneSlope => Integrator ? 1f : 1f - Leak;

    /// <summary>∂h/∂x.</summary>
    public float InputSlope => Integrator ? 1f : Leak;
}
