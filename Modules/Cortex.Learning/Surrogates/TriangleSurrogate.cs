using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>
/// Triangle: σ' = α·max(0, 1 − α|x|), the derivative of a piecewise-quadratic step that rises over
/// |x| &lt; 1/α (SpikingJelly's PiecewiseQuadratic, Esser et al.'s triangle). Default α = 1.
/// </summary>
public sealed class TriangleSurrogate(double alpha = 1) : SurrogateGradient(alpha)
{
    public override string Name => "triangle";

    public override Tensor Primitive(Tensor x)
    {
        using var u = (x * Alpha).clamp(-1, 1);
        // ½ + u − u·|u|/2: 0 at u = −1, 1 at u = 1, derivative 1 − |u| in between.
        using var half = u * u.abs() * 0.5;
        return u - half + 0.5;
    }

    public override Tensor Derivative(Tensor x)
    {
        using var distance = x.abs() * Alpha;
        return (1 - distance).clamp_min(0) * Alpha;
    }
}
