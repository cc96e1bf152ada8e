using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Sequences;

/// <summary>
/// Registers the sequence components: the <c>recurrent</c> spiking layer, the <c>lstm</c> baseline, the
/// <c>last_step</c> readout selector and the <c>rows</c> (row-sequential image) encoder.
/// </summary>
public static class SequenceFactories
{
    /// <summary>Adds the sequence layers and encoder to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSpikingLayer("recurrent", "recurrent spiking layer x[t] = W_in·in[t] + b + W_rec·s[t-1] (keys: out, bias, neuron: a neuron layer such as {\"type\":\"alif\"}, default lif)", Recurrent);
        services.AddSpikingLayer("lstm", "LSTM layer (TorchSharp nn.LSTM, non-spiking baseline; keys: out, bias)", Lstm);
        services.AddSpikingLayer("last_step", "readout at the end of a sequence, [T, B, ...] -> [1, B, ...]: the last step, or with tau > 0 a leaky integrator's value after it (key: tau)", Last);
        services.AddEncoder(RowSequenceEncoder.RegisteredName, "row-sequential images: one image row per step (steps = image height, C*W inputs per step)", _ => new RowSequenceEncoder());
    }

    /// <summary>
    /// <c>recurrent</c> on [features]: <c>out</c> (required, the number of neurons), <c>bias</c> (true) and
    /// <c>neuron</c> (a neuron layer's configuration, built for [out]; default <c>{"type": "lif"}</c>).
    /// </summary>
    public static BuiltLayer Recurrent(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = RequireFeatures(config, context, "recurrent");
        var hidden = config.WholeNumber("out", 1, int.MaxValue);
        var bias = config.Flag("bias", true);
        var neuronConfig = config.Child("neuron") ?? ConfigNode.Parse("""{"type":"lif"}""", $"{config.Path}.neuron");
        // The sparse pass pairs a top-level linear layer with the neuron layer after it; inside a recurrent layer it
        // would be accepted and silently do nothing.
        if (neuronConfig.Has(Sparse.SparseBackwardOption.Key))
        {
            throw neuronConfig.Error(Sparse.SparseBackwardOption.Key, "not supported inside a recurrent layer (the sparse backward pass pairs a linear layer with the neuron layer that follows it)");
        }
        var built = context.Registry.BuildLayer(neuronConfig, [hidden]);
        if (built.Module is not SpikingNeuron neuron)
        {
            built.Module.Dispose();
            throw neuronConfig.Error("type", $"the recurrent layer needs a spiking neuron layer stepped in time (if, lif, plif, alif), got '{neuronConfig.Text("type")}'");
        }
        return new BuiltLayer(new RecurrentSpikingLayer(input, hidden, neuron, bias), [hidden]);
    }

    /// <summary><c>lstm</c> on [features]: <c>out</c> (required, hidden units) and <c>bias</c> (true).</summary>
    public static BuiltLayer Lstm(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = RequireFeatures(config, context, "lstm");
        var hidden = config.WholeNumber("out", 1, int.MaxValue);
        return new BuiltLayer(new LstmLayer(input, hidden, config.Flag("bias", true)), [hidden]);
    }

    /// <summary><c>last_step</c>: <c>tau</c> (steps, 0 = the plain last step); the sample shape is unchanged, time shrinks to one step.</summary>
    public static BuiltLayer Last(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        return new BuiltLayer(new LastStep(config.Number("tau", 0, 0)), context.InputShape);
    }

    private static long RequireFeatures(ConfigNode config, LayerBuildContext context, string type)
    {
        var shape = context.InputShape;
        if (shape.Count != 1 || shape[0] < 1)
            throw new LearningConfigException($"{config.Path}: {type} needs a sample shape [features] (use the 'rows' encoder for images, or insert a flatten layer), got [{string.Join(", ", shape)}]");
        return shape[0];
    }
}
