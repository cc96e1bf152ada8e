using static TorchSharp.torch;

namespace Cortex.Learning.Neurons;

/// <summary>Integrate-and-fire: h[t] = v[t−1] + x[t] (NIR's IF with r = 1).</summary>
public sealed class IfNeuron(NeuronOptions options) : SpikingNeuron("if", options)
{
    protected override FixedCharge? FixedChargeOrNull => new FixedCharge(Integrator: true, Leak: 1, VLeak: 0);

    protected override Tensor Charge(Tensor v, Tensor x, NeuronState? state) => v + x;
}
