using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>σ(x) = ½ + arctan(πα x / 2)/π; σ' = (α/2) / (1 + (πα x/2)²). Default α = 2 (SpikingJelly).</summary>
public sealed class ArcTanSurrogate(double alpha = 2) : SurrogateGradient(alpha)
{
    public override string Name => "arctan";

    public override Tensor Primitive(Tensor x) => (x * (Math.PI / 2 * Alpha)).atan() / Math.PI + 0.5;

    public override Tensor Derivative(Tensor x)
    {
        using var scaled = x * (Math.PI / 2 * Alpha);
        return (Alpha / 2) / (scaled.square() + 1);
    }
}
