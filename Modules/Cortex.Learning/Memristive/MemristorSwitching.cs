namespace Cortex.Learning.Memristive;

/// <summary>How a volatile memristor's threshold switch is modelled in the forward and backward pass.</summary>
public enum MemristorSwitching
{
    /// <summary>
    /// The device switches fully on at the threshold (a Heaviside step, spikes are 0 or 1); the backward pass uses the
    /// layer's surrogate gradient for the step.
    /// </summary>
    Abrupt,

    /// <summary>
    /// The device's switching is a steep but continuous sigmoid of the voltage over the threshold, σ(β·(h − V_th)), so
    /// the whole neuron is differentiable and its gradients are exact (no surrogate); outputs are analog pulses in (0, 1).
    /// </summary>
    Smooth,
}
