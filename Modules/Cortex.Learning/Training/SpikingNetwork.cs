using System.Text.Json;
using Cortex.Learning.Encoding;
using Cortex.Learning.Registry;
using Cortex.Learning.Sparse;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// A classifier built from the <c>model</c> section of a training config: an encoder that turns a static
/// batch [B, …] into a sequence [T, B, …] and a stack of time-distributed layers ending in [T, B, classes].
/// The configuration JSON is kept so a checkpoint can rebuild exactly this model before loading weights.
/// </summary>
public sealed class SpikingNetwork : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor>[] _modules;
    private readonly SparseSynapticPair?[] _sparsePairs;

    private SpikingNetwork(string configJson, IReadOnlyList<long> inputShape, int steps, ISpikeEncoder encoder, IReadOnlyList<NetworkLayer> layers)
        : base(nameof(SpikingNetwork))
    {
        ConfigJson = configJson;
        InputShape = inputShape;
        Steps = steps;
        Encoder = encoder;
        Layers = layers;
        _modules = [.. layers.Select(l => l.Module)];
        _sparsePairs = SparseBackwardPairing.Pair(layers);
        // One ModuleList so parameter names read "layers.0.weight", "layers.2.leak_logit", … in layer order.
        register_module("layers", nn.ModuleList(_modules));
        EncoderGenerator = new Generator(0);
    }

    /// <summary>The <c>model</c> object this network was built from (rebuilds it in a checkpoint).</summary>
    public string ConfigJson { get; }

    /// <summary>Shape of one input sample, e.g. [1, 28, 28] or [64].</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>Time steps T every sample is run for.</summary>
    public int Steps { get; }

    /// <summary>Turns a static batch into the input sequence.</summary>
    public ISpikeEncoder Encoder { get; }

    /// <summary>The layers in order, with their types, configurations and shapes.</summary>
    public IReadOnlyList<NetworkLayer> Layers { get; }

    /// <summary>The number of classes: the size of the last layer's output.</summary>
    public int ClassCount => (int)Layers[^1].OutputShape[0];

    /// <summary>
    /// Random numbers for stochastic encoders (Poisson), reseeded by the trainer so runs repeat. It stays on the CPU
    /// wherever the network runs (libtorch makes CPU generators only); the encoders move their draws to the batch.
    /// </summary>
    public Generator EncoderGenerator { get; }

    /// <summary>Where the parameters live (the CPU until <see cref="MoveTo"/>); inputs must be sent there.</summary>
    public Device Device { get; private set; } = CPU;

    /// <summary>
    /// Moves the parameters and buffers to <paramref name="device"/>. The sparse backward pass runs on CPU memory, so a
    /// network that uses it (<c>sparse_backward</c>) refuses any other device, naming the layer.
    /// </summary>
    public void MoveTo(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.type != DeviceType.CPU && SparsePairs.Count > 0)
            throw new LearningConfigException($"model.layers[{SparsePairs[0].LinearIndex}].sparse_backward: the sparse backward pass runs on the CPU only; "
                + $"train.device is \"{device}\" (drop sparse_backward to train there)");
        this.to(device);
        Device = device;
    }

    /// <summary>The linear + neuron pairs trained with the sparse backward pass (<c>sparse_backward</c>), in layer order.</summary>
    public IReadOnlyList<SparseSynapticPair> SparsePairs => [.. _sparsePairs.OfType<SparseSynapticPair>()];

    /// <summary>
    /// Whether training runs those pairs with the sparse backward pass (the default); false runs the same layers densely
    /// with the same band-limited surrogate, the same gradient, for side-by-side timing.
    /// </summary>
    public bool UseSparseBackward { get; set; } = true;

    /// <summary>Builds the network from a <c>model</c> object; every error names its path.</summary>
    public static SpikingNetwork Build(ConfigNode model, LearningRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(registry);
        var shape = model.WholeNumbers("input_shape");
        if (shape.Count == 0) throw model.Error("input_shape", "must list at least one dimension");
        for (var i = 0; i < shape.Count; i++)
        {
            if (shape[i] < 1) throw new LearningConfigException($"{model.Path}.input_shape[{i}]: must be >= 1, got {shape[i]}");
        }
        var steps = model.WholeNumber("steps", 1, 10_000);
        var encoderNode = model.Child("encoder");
        var encoder = encoderNode is null
            ? registry.CreateEncoder(ConfigNode.Parse("""{"type":"direct"}""", $"{model.Path}.encoder"))
            : registry.CreateEncoder(encoderNode);
        var layerNodes = model.Children("layers");
        if (layerNodes.Count == 0) throw model.Error("layers", "must list at least one layer");
        model.RejectUnknownKeys();

        IReadOnlyList<long> inputShape = [.. shape.Select(d => (long)d)];
        if (encoder.Problem(inputShape, steps) is { } problem) throw model.Error(problem.Key, problem.Message);
        var current = encoder.OutputShape(inputShape);
        var layers = new List<NetworkLayer>(layerNodes.Count);
        for (var i = 0; i < layerNodes.Count; i++)
        {
            var node = layerNodes[i];
            var built = registry.BuildLayer(node, current, steps);
            layers.Add(new NetworkLayer(i, node.Text("type"), node.Element.GetRawText(), built.Module, current, built.OutputShape));
            current = built.OutputShape;
        }
        SparseBackwardPairing.Pair(layers, model.Path);   // refuses an unpairable sparse_backward, naming it
        if (current.Count != 1 || current[0] < 2)
            throw new LearningConfigException($"{model.Path}.layers[{layers.Count - 1}]: the last layer must output one score per class, [classes >= 2], got [{string.Join(", ", current)}] (end with e.g. {{\"type\":\"linear\",\"out\":10}})");
        return new SpikingNetwork(model.Element.GetRawText(), inputShape, steps, encoder, layers);
    }

    /// <summary>Builds the network from the JSON text of a <c>model</c> object.</summary>
    public static SpikingNetwork FromJson(string modelJson, LearningRegistry registry, string path = "model") =>
        Build(ConfigNode.Parse(modelJson, path), registry);

    /// <summary>Encodes <paramref name="batch"/> [B, …] and runs every layer: returns [T, B, classes].</summary>
    public override Tensor forward(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.dim() != InputShape.Count + 1 || !batch.shape.AsSpan(1).SequenceEqual([.. InputShape]))
            throw new ArgumentException($"expected a batch [B, {string.Join(", ", InputShape)}], got [{string.Join(", ", batch.shape)}]", nameof(batch));
        using var scope = NewDisposeScope();
        var sequence = Encoder.Encode(batch, Steps, EncoderGenerator);
        return RunSequence(sequence).MoveToOuterDisposeScope();
    }

    /// <summary>Runs the layers on an already encoded sequence [T, B, …].</summary>
    public Tensor RunSequence(Tensor sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        using var scope = NewDisposeScope();
        var x = sequence;
        var sparse = UseSparseBackward && is_grad_enabled();
        for (var i = 0; i < _modules.Length; i++)
        {
            if (sparse && _sparsePairs[i] is { } pair && pair.Accepts(x))
            {
                x = pair.Forward(x);
                i++;   // the pair ran the neuron layer too
                continue;
            }
            x = _modules[i].call(x);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The configuration of layer <paramref name="index"/> parsed back into a JSON element.</summary>
    public JsonElement LayerConfig(int index) => JsonDocument.Parse(Layers[index].ConfigJson).RootElement.Clone();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) EncoderGenerator.Dispose();
        base.Dispose(disposing);
    }
}
