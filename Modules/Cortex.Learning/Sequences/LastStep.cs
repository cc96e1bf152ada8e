using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Sequences;

/// <summary>
/// The readout point of a sequence task: [T, B, …] → [1, B, …], so the class is read once the whole sequence
/// has been seen (the losses average the output over time; a one-step output makes that average this value).
/// Without <see cref="Tau"/> it keeps the last step. With τ &gt; 0 it returns the value after the last step
/// of a leaky integrator driven by the sequence, y[t] = d·y[t−1] + (1 − d)·x[t], y[−1] = 0, d = exp(−1/τ):
/// the non-spiking LI readout neurons of Bellec et al. 2018 and Rao et al. 2022, read at the end. In closed
/// form y[T−1] = Σ_t (1 − d)·d^(T−1−t)·x[t], one weighted sum over time.
/// </summary>
public sealed class LastStep : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer (no parameters); <paramref name="tau"/> in steps, 0 for the plain last step.</summary>
    public LastStep(double tau = 0) : base("last_step")
    {
        if (!(tau >= 0) || double.IsInfinity(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be a finite number of steps >= 0");
        Tau = tau;
    }

    /// <summary>The readout integrator's time constant in steps; 0 keeps the last step as it is.</summary>
    public double Tau { get; }

    /// <summary>The weight of step t of <paramref name="steps"/> in the readout, (1 − d)·d^(T−1−t) (or 1 at the last step for τ = 0).</summary>
    public double[] Weights(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var weights = new double[steps];
        if (Tau == 0)
        {
            weights[^1] = 1;
            return weights;
        }
        var decay = Math.Exp(-1 / Tau);
        for (var t = 0; t < steps; t++) weights[t] = (1 - decay) * Math.Pow(decay, steps - 1 - t);
        return weights;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 2)
            throw new ArgumentException($"last_step: expected input [T, batch, ...], got [{string.Join(", ", input.shape)}]", nameof(input));
        if (Tau == 0) return input[TensorIndex.Slice(-1)];
        using var scope = NewDisposeScope();
        var shape = new long[input.dim()];
        Array.Fill(shape, 1L);
        shape[0] = input.shape[0];
        var weights = tensor(Weights((int)input.shape[0]), input.dtype, input.device).reshape(shape);
        return (input * weights).sum(0, keepdim: true).MoveToOuterDisposeScope();
    }
}
