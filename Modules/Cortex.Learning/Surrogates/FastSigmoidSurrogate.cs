using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>
/// SuperSpike's fast sigmoid (Zenke &amp; Ganguli 2018), scaled to unit area:
/// σ(x) = ½(1 + αx/(1 + α|x|)); σ' = (α/2)/(1 + α|x|)². Default α = 10 (the paper's β).
/// </summary>
public sealed class FastSigmoidSurrogate(double alpha = 10) : SurrogateGradient(alpha)
{
    public override string Name => "fast_sigmoid";

    public override Tensor Primitive(Tensor x)
    {
        using var scaled = x * Alpha;
        return (scaled / (scaled.abs() + 1) + 1) * 0.5;
    }

    public override Tensor Derivative(Tensor x)
    {
        using var denominator = x.abs() * Alpha + 1;
        return (Alpha / 2) / denominator.square();
    }
}
