using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>The autograd node behind <see cref="SurrogateGradient.Spike"/>: saves x, returns Θ(x), backpropagates g·σ'_α(x).</summary>
internal sealed class HeavisideFunction : autograd.SingleTensorFunction<HeavisideFunction>
{
    private const string SurrogateKey = "surrogate";

    public override string Name => "SurrogateHeaviside";

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        ctx.save_for_backward([x]);
        ctx.save_data(SurrogateKey, vars[1]);
        return x.ge(0).to(x.dtype);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var x = ctx.get_saved_variables()[0];
        var surrogate = (SurrogateGradient)ctx.get_data(SurrogateKey);
        using var derivative = surrogate.Derivative(x);
        // One gradient per forward argument: the surrogate object gets none.
        return [grad_output * derivative, null!];
    }
}
