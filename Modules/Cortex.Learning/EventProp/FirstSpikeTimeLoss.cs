namespace Cortex.Learning.EventProp;

/// <summary>
/// The first-spike-time loss of Wunderlich &amp; Pehle (2021, Yin-Yang task): cross-entropy of softmax(−t/τ₀) over the
/// output neurons' first spike times t, plus α(e^{t_label/τ₁} − 1), which pulls the label neuron's spike earlier.
/// The prediction is the neuron that fires first. A silent output neuron counts as firing at the trial's end, with
/// no gradient through that time (no spike exists to move). A silent label neuron would then never learn to fire
/// again, so <see cref="SilentLabelPush"/> β &gt; 0 adds, only in trials where the label neuron stays silent, the term
/// −β·(1/T)∫₀^T V_label dt / ϑ (its mean sub-threshold potential): an addition of ours, not the paper's, whose gradient
/// <see cref="EventPropNetwork"/> adds to the output layer's weights (the reported loss leaves it out).
/// </summary>
/// <param name="Tau0">Softmax temperature τ₀ (ms).</param>
/// <param name="Tau1">Time scale τ₁ of the early-spike term (ms).</param>
/// <param name="Alpha">Weight α of the early-spike term (0 turns it off).</param>
/// <param name="SilentLabelPush">β of the silent-label term (0, the paper's loss, turns it off).</param>
public sealed record FirstSpikeTimeLoss(double Tau0, double Tau1, double Alpha, double SilentLabelPush = 0)
{
    /// <summary>
    /// The loss of one trial from each output neuron's first spike time (+∞ when silent, read as
    /// <paramref name="duration"/>) and its gradient ∂L/∂t per neuron (0 for silent ones).
    /// </summary>
    public double Compute(IReadOnlyList<double> firstSpikeTimes, int label, double duration, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(firstSpikeTimes);
        ArgumentNullException.ThrowIfNull(gradient);
        var count = firstSpikeTimes.Count;
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, count);
        var times = firstSpikeTimes.Select(t => Math.Min(t, duration)).ToArray();
        // log-sum-exp of z = −t/τ₀, shifted by the largest z (the earliest spike) for stability.
        var zMax = times.Max(t => -t / Tau0);
        var sum = times.Sum(t => Math.Exp((-t / Tau0) - zMax));
        var logSum = zMax + Math.Log(sum);
        var loss = (times[label] / Tau0) + logSum + (Alpha * (Math.Exp(times[label] / Tau1) - 1));
        for (var k = 0; k < count; k++)
        {
            if (double.IsPositiveInfinity(firstSpikeTimes[k]) || firstSpikeTimes[k] > duration) { gradient[k] = 0; continue; }
            var p = Math.Exp((-times[k] / Tau0) - logSum);
            gradient[k] = ((k == label ? 1 : 0) - p) / Tau0;
            if (k == label) gradient[k] += Alpha / Tau1 * Math.Exp(times[k] / Tau1);
        }
        return loss;
    }

    /// <summary>The predicted class: the earliest first spike (ties and all-silent go to the lowest index).</summary>
    public static int Predict(IReadOnlyList<double> firstSpikeTimes)
    {
        ArgumentNullException.ThrowIfNull(firstSpikeTimes);
        var best = 0;
        for (var k = 1; k < firstSpikeTimes.Count; k++)
        {
            if (firstSpikeTimes[k] < firstSpikeTimes[best]) best = k;
        }
        return best;
    }
}
