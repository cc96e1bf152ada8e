using Cortex.Learning.Encoding;

namespace Cortex.Learning.EventProp;

/// <summary>
/// A feed-forward network of current-based LIF layers trained by EventProp: latency-coded input spikes, then
/// <see cref="EventLayer"/>s; the class is the output neuron that fires first. <see cref="Gradient"/> runs one trial
/// forward (exact spike times) and its adjoint backward, giving the exact gradient of the first-spike-time loss.
/// </summary>
public sealed class EventPropNetwork
{
    /// <summary>Creates the network from its layers (each layer's inputs must equal the previous layer's outputs).</summary>
    public EventPropNetwork(IReadOnlyList<EventLayer> layers, LatencyEncoder encoder, double inputWindow, double duration)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(encoder);
        if (layers.Count == 0) throw new ArgumentException("at least one layer is needed", nameof(layers));
        for (var l = 1; l < layers.Count; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Outputs)
                throw new ArgumentException($"layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} has {layers[l - 1].Outputs} neurons", nameof(layers));
        }
        if (!(inputWindow > 0)) throw new ArgumentOutOfRangeException(nameof(inputWindow), inputWindow, "must be > 0 ms");
        if (!(duration > 0)) throw new ArgumentOutOfRangeException(nameof(duration), duration, "must be > 0 ms");
        Layers = layers;
        Encoder = encoder;
        InputWindow = inputWindow;
        Duration = duration;
    }

    /// <summary>The layers, input side first.</summary>
    public IReadOnlyList<EventLayer> Layers { get; }

    /// <summary>Turns features into input spike times (<see cref="LatencyTimes"/>).</summary>
    public LatencyEncoder Encoder { get; }

    /// <summary>Input spikes fall in [0, window] ms.</summary>
    public double InputWindow { get; }

    /// <summary>Trial length (ms): spikes after it are not simulated.</summary>
    public double Duration { get; }

    /// <summary>Input features (the first layer's inputs).</summary>
    public int InputCount => Layers[0].Inputs;

    /// <summary>Output neurons (classes).</summary>
    public int ClassCount => Layers[^1].Outputs;

    /// <summary>The spikes of every layer in one trial: [0] the input, [l + 1] layer l's.</summary>
    public SpikeList[] Forward(ReadOnlySpan<double> features)
    {
        if (features.Length != InputCount) throw new ArgumentException($"expected {InputCount} features, got {features.Length}", nameof(features));
        var spikes = new SpikeList[Layers.Count + 1];
        spikes[0] = LatencyTimes.Encode(features, Encoder, InputWindow);
        for (var l = 0; l < Layers.Count; l++) spikes[l + 1] = Layers[l].Forward(spikes[l], Duration);
        return spikes;
    }

    /// <summary>Each output neuron's first spike time in one trial (+∞ when silent).</summary>
    public double[] FirstSpikeTimes(ReadOnlySpan<double> features) => Forward(features)[^1].FirstSpikeTimes();

    /// <summary>
    /// One trial's loss, and its exact gradient with respect to every weight added to <paramref name="gradients"/>
    /// (one array per layer, shaped as the layer's weights). Also returns the predicted class and the spikes.
    /// </summary>
    public TrialResult Gradient(ReadOnlySpan<double> features, int label, FirstSpikeTimeLoss loss, double[][] gradients)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Length != Layers.Count) throw new ArgumentException($"expected {Layers.Count} gradient arrays", nameof(gradients));
        var spikes = Forward(features);
        var output = spikes[^1];
        var first = output.FirstSpikeTimes();
        var timeGradient = new double[ClassCount];
        var value = loss.Compute(first, label, Duration, timeGradient);
        // The loss sees only each output neuron's first spike.
        var spikeTimeGradient = new double[output.Count];
        var firstIndex = output.FirstSpikeIndices();
        for (var n = 0; n < ClassCount; n++)
        {
            if (firstIndex[n] >= 0) spikeTimeGradient[firstIndex[n]] = timeGradient[n];
        }
        double[]? downstream = null;
        for (var l = Layers.Count - 1; l >= 0; l--)
        {
            var drive = l > 0 ? new double[spikes[l].Count] : null;
            Layers[l].Backward(spikes[l], spikes[l + 1], Duration, l == Layers.Count - 1 ? spikeTimeGradient : null, downstream, gradients[l], drive);
            downstream = drive;
        }
        // The reported loss stays the paper's; only the gradient carries the silent-label term.
        if (loss.SilentLabelPush > 0 && double.IsPositiveInfinity(first[label])) PushSilentLabel(spikes[^2], label, loss.SilentLabelPush, gradients[^1]);
        return new TrialResult(value, FirstSpikeTimeLoss.Predict(first), spikes);
    }

    // The silent label neuron has no resets, so its V is linear in its input weights: the term
    // −β/(Tϑ)·∫V dt = −β/(Tϑ)·Σ_k w_{label,i_k}·∫₀^{T−t_k}K has gradient −β/(Tϑ)·Σ_{k: i_k = i}∫₀^{T−t_k}K per weight.
    private void PushSilentLabel(SpikeList input, int label, double push, double[] outputGradient)
    {
        var layer = Layers[^1];
        var scale = push / (Duration * layer.Neuron.Threshold);
        var row = label * layer.Inputs;
        for (var k = 0; k < input.Count && input.Times[k] < Duration; k++)
            outputGradient[row + input.Sources[k]] -= scale * layer.Neuron.PotentialIntegral(Duration - input.Times[k]);
    }

    /// <summary>Zeroed gradient arrays shaped as the layers' weights.</summary>
    public double[][] NewGradients() => [.. Layers.Select(l => new double[l.Weights.Length])];
}

/// <summary>One trial's loss, predicted class and spikes (input first).</summary>
public sealed record TrialResult(double Loss, int Predicted, SpikeList[] Spikes);
