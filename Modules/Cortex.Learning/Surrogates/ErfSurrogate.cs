using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>Gaussian CDF: σ(x) = ½(1 + erf(αx)); σ' = (α/√π)·exp(−α²x²). Default α = 2 (SpikingJelly).</summary>
public sealed class ErfSurrogate(double alpha = 2) : SurrogateGradient(alpha)
{
    public override string Name => "erf";

    public override Tensor Primitive(Tensor x) => ((x * Alpha).erf() + 1) * 0.5;

    public override Tensor Derivative(Tensor x)
    {
        using var scaled = x * Alpha;
        using var negativeSquare = -scaled.square();
        return negativeSquare.exp() * (Alpha / Math.Sqrt(Math.PI));
    }
}
