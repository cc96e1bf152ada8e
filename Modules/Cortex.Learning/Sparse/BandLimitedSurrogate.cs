using Cortex.Learning.Surrogates;
using static TorchSharp.torch;

namespace Cortex.Learning.Sparse;

/// <summary>
/// A surrogate whose derivative is cut to zero outside a band |v − θ| &lt; <see cref="Band"/> around the threshold
/// (Perez-Nieves &amp; Goodman, "Sparse Spiking Gradient Descent", NeurIPS 2021). Only neurons inside the band
/// ("active") then carry gradient, which is what lets the backward pass skip the others. The dense kernels use
/// this derivative too, so a dense and a sparse pass of the same layer compute the same gradient.
/// </summary>
public sealed class BandLimitedSurrogate : SurrogateGradient
{
    /// <summary>Wraps <paramref name="inner"/> (its shape inside the band) with half-width <paramref name="band"/> (&gt; 0, in threshold units).</summary>
    public BandLimitedSurrogate(SurrogateGradient inner, double band) : base((inner ?? throw new ArgumentNullException(nameof(inner))).Alpha)
    {
        if (!(band > 0) || double.IsInfinity(band))
            throw new ArgumentOutOfRangeException(nameof(band), band, "the sparse-backward band must be a positive finite distance to threshold");
        Inner = inner;
        Band = band;
    }

    /// <summary>The surrogate used inside the band.</summary>
    public SurrogateGradient Inner { get; }

    /// <summary>Half-width of the active band around the threshold.</summary>
    public double Band { get; }

    /// <summary>The inner surrogate's name, so exports and reports name the shape actually used.</summary>
    public override string Name => Inner.Name;

    /// <inheritdoc />
    public override Tensor Primitive(Tensor x) => Inner.Primitive(x);

    /// <inheritdoc />
    public override Tensor Derivative(Tensor x)
    {
        using var inner = Inner.Derivative(x);
        using var inside = x.abs().lt(Band);
        using var zero = zeros_like(inner);
        return where(inside, inner, zero);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Inner}, band {Band}";
}
