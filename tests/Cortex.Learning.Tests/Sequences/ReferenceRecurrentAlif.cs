namespace Cortex.Learning.Tests.Sequences;

/// <summary>
/// An independent, loop-by-loop implementation (plain doubles, no torch) of a recurrent layer of LIF neurons with an
/// after-hyperpolarising current, zero reset and the arctan surrogate, forward and BPTT written out by hand:
/// <code>
///   I[t] = W_in·x[t] + b + W_rec·s[t−1]
///   h[t] = v[t−1] + k·(I[t] − w[t−1] − v[t−1]),  k = 1 − e^(−1/τ)
///   s[t] = Θ(h[t] − θ)              (backward: σ'(u) = (α/2) / (1 + (π/2·α·u)²), the arctan surrogate)
///   v[t] = h[t]·(1 − s[t])          (the reset's dependence on s kept, as with detach_reset = false)
///   w[t] = ρ·w[t−1] + a·s[t],       ρ = e^(−1/τ_w)
/// </code>
/// With a = 0 it is a plain LIF recurrent layer. The loss is Σ c[t,b,i]·s[t,b,i].
/// </summary>
internal sealed class ReferenceRecurrentAlif(double[,] inputWeight, double[] bias, double[,] recurrentWeight, double tau, double tauAdaptation, double adaptation,
    double threshold, double alpha)
{
    private readonly double _k = 1 - Math.Exp(-1 / tau);
    private readonly double _rho = Math.Exp(-1 / tauAdaptation);

    private int Hidden => bias.Length;

    private int Features => inputWeight.GetLength(1);

    /// <summary>Spikes [T, B, H] for input [T, B, F].</summary>
    public double[,,] Forward(double[,,] x) => Run(x).Spikes;

    /// <summary>d loss / d (W_in, b, W_rec) for loss = Σ c·s.</summary>
    public (double[,] InputWeight, double[] Bias, double[,] RecurrentWeight) Gradients(double[,,] x, double[,,] c)
    {
        var (spikes, charges) = Run(x);
        var (steps, batch) = (x.GetLength(0), x.GetLength(1));
        var gIn = new double[Hidden, Features];
        var gBias = new double[Hidden];
        var gRec = new double[Hidden, Hidden];
        for (var b = 0; b < batch; b++)
        {
            var gCurrentNext = new double[Hidden];  // d L / d I[t+1]
            var gAdaptation = new double[Hidden];   // d L / d w[t]
            var gMembrane = new double[Hidden];     // d L / d v[t]
            for (var t = steps - 1; t >= 0; t--)
            {
                var gCurrent = new double[Hidden];
                for (var i = 0; i < Hidden; i++)
                {
                    var h = charges[t, b, i];
                    var s = spikes[t, b, i];
                    var gSpike = c[t, b, i] + adaptation * gAdaptation[i] - gMembrane[i] * h;
                    for (var j = 0; j < Hidden; j++) gSpike += recurrentWeight[j, i] * gCurrentNext[j];
                    var u = (Math.PI / 2) * alpha * (h - threshold);
                    var gCharge = gSpike * (alpha / 2) / (1 + (u * u)) + gMembrane[i] * (1 - s);
                    gCurrent[i] = _k * gCharge;
                    gAdaptation[i] = (_rho * gAdaptation[i]) - (_k * gCharge);
                    gMembrane[i] = (1 - _k) * gCharge;
                    gBias[i] += gCurrent[i];
                    for (var f = 0; f < Features; f++) gIn[i, f] += gCurrent[i] * x[t, b, f];
                    if (t > 0)
                    {
                        for (var j = 0; j < Hidden; j++) gRec[i, j] += gCurrent[i] * spikes[t - 1, b, j];
                    }
                }
                gCurrentNext = gCurrent;
            }
        }
        return (gIn, gBias, gRec);
    }

    private (double[,,] Spikes, double[,,] Charges) Run(double[,,] x)
    {
        var (steps, batch) = (x.GetLength(0), x.GetLength(1));
        var spikes = new double[steps, batch, Hidden];
        var charges = new double[steps, batch, Hidden];
        for (var b = 0; b < batch; b++)
        {
            var v = new double[Hidden];
            var w = new double[Hidden];
            for (var t = 0; t < steps; t++)
            {
                for (var i = 0; i < Hidden; i++)
                {
                    var current = bias[i];
                    for (var f = 0; f < Features; f++) current += inputWeight[i, f] * x[t, b, f];
                    if (t > 0)
                    {
                        for (var j = 0; j < Hidden; j++) current += recurrentWeight[i, j] * spikes[t - 1, b, j];
                    }
                    var h = v[i] + (_k * (current - w[i] - v[i]));
                    var s = h - threshold >= 0 ? 1.0 : 0.0;
                    charges[t, b, i] = h;
                    spikes[t, b, i] = s;
                    v[i] = h * (1 - s);
                    w[i] = (_rho * w[i]) + (adaptation * s);
                }
            }
        }
        return (spikes, charges);
    }
}
