using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>
/// A spike nonlinearity for training: the forward pass is the Heaviside step Θ(x) of the distance to
/// threshold x = v − θ; the backward pass uses the derivative of a smooth step σ_α(x) rising from 0 to 1
/// instead of Θ's Dirac delta. Every surrogate here has unit area (σ_α(−∞) = 0, σ_α(∞) = 1, the
/// SpikingJelly convention), and α sets its sharpness: larger α, narrower and taller.
/// </summary>
public abstract class SurrogateGradient
{
    /// <summary>Creates the surrogate with sharpness <paramref name="alpha"/> (must be positive and finite).</summary>
    protected SurrogateGradient(double alpha)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "surrogate sharpness alpha must be a positive finite number");
        Alpha = alpha;
    }

    /// <summary>The registered name (e.g. <c>fast_sigmoid</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Sharpness α.</summary>
    public double Alpha { get; }

    /// <summary>The smooth step σ_α(x) whose derivative the backward pass uses.</summary>
    public abstract Tensor Primitive(Tensor x);

    /// <summary>dσ_α/dx: the pseudo-derivative of a spike with respect to the distance to threshold.</summary>
    public abstract Tensor Derivative(Tensor x);

    /// <summary>Θ(x) forward (1 where x ≥ 0), <see cref="Derivative"/> backward.</summary>
    public Tensor Spike(Tensor x) => HeavisideFunction.apply(x, this);

    /// <inheritdoc />
    public override string ToString() => $"{Name}(alpha={Alpha})";
}
