using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>σ(x) = sigmoid(αx); σ' = α·s(1 − s). Default α = 4 (SpikingJelly).</summary>
public sealed class SigmoidSurrogate(double alpha = 4) : SurrogateGradient(alpha)
{
    public override string Name => "sigmoid";

    public override Tensor Primitive(Tensor x) => (x * Alpha).sigmoid();

    public override Tensor Derivative(Tensor x)
    {
        using var s = (x * Alpha).sigmoid();
        return s * (1 - s) * Alpha;
    }
}
