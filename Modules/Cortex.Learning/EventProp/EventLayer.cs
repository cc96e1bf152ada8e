namespace Cortex.Learning.EventProp;

/// <summary>
/// One feed-forward layer of EventProp: all-to-all weights from the previous layer's spikes onto current-based LIF
/// neurons (<see cref="CurrentLif"/>). The forward pass computes every output spike time exactly (closed-form state
/// between input events, root finding for the crossing); the backward pass runs the adjoint of Wunderlich &amp;
/// Pehle (2021) backwards in time, jumping at the layer's own spikes, and reads the weight gradients off at the
/// input spikes.
/// </summary>
public sealed class EventLayer
{
    /// <summary>Creates a layer with the given weights, [outputs × inputs] row-major (row n holds neuron n's input weights).</summary>
    public EventLayer(int inputs, int outputs, CurrentLif neuron, double[] weights)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentNullException.ThrowIfNull(neuron);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != inputs * outputs)
            throw new ArgumentException($"expected {outputs} × {inputs} = {inputs * outputs} weights, got {weights.Length}", nameof(weights));
        Inputs = inputs;
        Outputs = outputs;
        Neuron = neuron;
        Weights = weights;
    }

    /// <summary>Presynaptic neurons.</summary>
    public int Inputs { get; }

    /// <summary>Neurons of this layer.</summary>
    public int Outputs { get; }

    /// <summary>The neuron model and its constants.</summary>
    public CurrentLif Neuron { get; }

    /// <summary>The weights, [outputs × inputs] row-major; the trainer updates them in place.</summary>
    public double[] Weights { get; }

    /// <summary>
    /// The layer's spikes in a trial of <paramref name="duration"/> ms driven by <paramref name="input"/>; a neuron
    /// stops after <paramref name="maxSpikesPerNeuron"/> spikes (a runaway guard; the figures never reach it).
    /// </summary>
    public SpikeList Forward(SpikeList input, double duration, int maxSpikesPerNeuron = 1000)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Neurons != Inputs) throw new ArgumentException($"expected spikes of {Inputs} neurons, got {input.Neurons}", nameof(input));
        var output = new SpikeList(Outputs);
        var times = input.Times;
        var sources = input.Sources;
        for (var n = 0; n < Outputs; n++)
        {
            double v = 0, i = 0, t = 0;
            var fired = 0;
            var row = n * Inputs;
            for (var e = 0; e <= input.Count && fired < maxSpikesPerNeuron; e++)
            {
                var until = e < input.Count ? Math.Min(times[e], duration) : duration;
                // Every crossing before the next event: after a reset (V = 0) the remaining current may drive V up again.
                while (fired < maxSpikesPerNeuron)
                {
                    var s = Neuron.FirstCrossing(v, i, until - t);
                    if (double.IsNaN(s)) break;
                    Neuron.Advance(ref v, ref i, s);
                    t += s;
                    output.Add(t, n, i);
                    fired++;
                    v = 0;
                }
                Neuron.Advance(ref v, ref i, until - t);
                t = until;
                if (e == input.Count || times[e] >= duration) break;
                i += Weights[row + sources[e]];
            }
        }
        return output.Sorted();
    }

    /// <summary>
    /// The adjoint pass over one trial. <paramref name="input"/> and <paramref name="output"/> are the trial's spikes
    /// (from <see cref="Forward"/>); <paramref name="spikeTimeGradient"/>[k] is ∂L/∂t_k of output spike k taken
    /// directly by the loss, and <paramref name="downstreamDrive"/>[k] is what the next layer's adjoint contributes at
    /// spike k (its <paramref name="inputDrive"/>), both null for none. Adds ∂L/∂W to <paramref name="weightGradient"/>
    /// and writes, for each input spike j from neuron i, Σₙ wₙᵢ(λ_I,ₙ/τ_syn − λ_V,ₙ/τ_mem) to <paramref name="inputDrive"/>[j]
    /// (the term the previous layer's jump at that spike needs), unless it is null.
    /// </summary>
    /// <remarks>
    /// λ = (∂L/∂V, ∂L/∂I). At a spike of neuron n at t_k with current I_k the threshold crossing moves by
    /// δt = −δV/V̇, V̇ = (I_k − ϑ)/τ_mem, which shifts the reset (ϑ) and the synaptic jumps (w) in time; hence
    /// λ_V⁻ = λ_V⁺(1 + ϑ/(τ_mem V̇)) − (D_k + ∂L/∂t_k)/V̇ with D_k = Σ_m w_mn(λ_I,m/τ'_syn − λ_V,m/τ'_mem) over the
    /// next layer. This is Wunderlich &amp; Pehle's jump (their eq. 6–8) with λ scaled as a plain sensitivity.
    /// </remarks>
    public void Backward(SpikeList input, SpikeList output, double duration, double[]? spikeTimeGradient, double[]? downstreamDrive,
        double[] weightGradient, double[]? inputDrive)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(weightGradient);
        if (weightGradient.Length != Weights.Length) throw new ArgumentException($"expected {Weights.Length} gradient entries", nameof(weightGradient));
        if (inputDrive is not null && inputDrive.Length != input.Count) throw new ArgumentException($"expected {input.Count} entries", nameof(inputDrive));
        var ownSpikes = new List<int>[Outputs];
        for (var n = 0; n < Outputs; n++) ownSpikes[n] = [];
        for (var k = 0; k < output.Count; k++) ownSpikes[output.Sources[k]].Add(k);
        if (inputDrive is not null) Array.Clear(inputDrive);
        var times = input.Times;
        var sources = input.Sources;
        var tauMem = Neuron.TauMem;
        var tauSyn = Neuron.TauSyn;
        var threshold = Neuron.Threshold;

        for (var n = 0; n < Outputs; n++)
        {
            var spikes = ownSpikes[n];
            // With no own spike and no loss on V the adjoint stays 0: nothing flows through this neuron.
            if (spikes.Count == 0) continue;
            double lambdaV = 0, lambdaI = 0, t = duration;
            var row = n * Inputs;
            var e = input.Count - 1;
            var s = spikes.Count - 1;
            while (e >= 0 || s >= 0)
            {
                // Forward order at equal times is "own spike, then input", so backwards the input comes first.
                var inputNext = e >= 0 && (s < 0 || times[e] >= output.Times[spikes[s]]);
                var time = inputNext ? times[e] : output.Times[spikes[s]];
                if (time > duration) { e--; continue; }
                Neuron.AdvanceAdjointBack(ref lambdaV, ref lambdaI, t - time);
                t = time;
                if (inputNext)
                {
                    var source = sources[e];
                    weightGradient[row + source] += lambdaI;
                    if (inputDrive is not null) inputDrive[e] += Weights[row + source] * ((lambdaI / tauSyn) - (lambdaV / tauMem));
                    e--;
                }
                else
                {
                    var k = spikes[s];
                    var slope = (output.Currents[k] - threshold) / tauMem;
                    var drive = (downstreamDrive?[k] ?? 0) + (spikeTimeGradient?[k] ?? 0);
                    lambdaV = (lambdaV * (1 + (threshold / (tauMem * slope)))) - (drive / slope);
                    s--;
                }
            }
        }
    }
}
