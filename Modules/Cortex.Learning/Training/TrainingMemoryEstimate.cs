using System.Globalization;
using Cortex.Learning.Registry;
using Cortex.Validation;

namespace Cortex.Learning.Training;

/// <summary>
/// What training or evaluating a model will take in memory, from its shapes, before the tensors are allocated: a
/// config whose estimate exceeds the memory this process may use is refused with the estimate, as <c>cortex run</c>
/// refuses a network (<see cref="NetworkSizeEstimate"/>), instead of failing inside libtorch's allocator. Counts are in
/// float32 values. The constants are upper bounds of what the built-in layers keep, not measurements: the check is
/// meant to catch sizes off by orders of magnitude, not to fit a run to the last megabyte.
/// </summary>
/// <param name="Parameters">Trainable values of the model.</param>
/// <param name="ActivationValues">Values of every layer's output (and the encoded input) for one batch over all steps.</param>
/// <param name="BatchSize">Samples per batch.</param>
/// <param name="Steps">Time steps per sample.</param>
public sealed record TrainingMemoryEstimate(long Parameters, double ActivationValues, int BatchSize, int Steps)
{
    /// <summary>Bytes of a float32.</summary>
    public const double BytesPerValue = 4;

    /// <summary>Copies of every parameter while training: the weight, its gradient and Adam's two moments.</summary>
    public const double CopiesPerParameter = 4;

    /// <summary>
    /// Tensors the size of a layer's output that backpropagation through time keeps for one batch: the output, the
    /// membrane potential and the surrogate's input of a neuron layer, and the gradient flowing back through it.
    /// </summary>
    public const double TensorsPerActivationWhenTraining = 4;

    /// <summary>Without gradients (evaluation) a layer's input and output exist together, nothing more.</summary>
    public const double TensorsPerActivationWhenEvaluating = 2;

    /// <summary>The estimate for <paramref name="network"/> (already built) on batches of <paramref name="batchSize"/>.</summary>
    public static TrainingMemoryEstimate For(SpikingNetwork network, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        var parameters = network.parameters().Sum(p => p.numel());
        var perSample = Elements(network.Encoder.OutputShape(network.InputShape)) + network.Layers.Sum(l => Elements(l.OutputShape));
        return new TrainingMemoryEstimate(parameters, perSample * batchSize * (double)network.Steps, batchSize, network.Steps);
    }

    /// <summary>Bytes training takes: parameters with their gradients and optimiser moments, and the activations kept for BPTT.</summary>
    public double TrainingBytes => Parameters * BytesPerValue * CopiesPerParameter + ActivationValues * BytesPerValue * TensorsPerActivationWhenTraining;

    /// <summary>Bytes evaluation takes: the parameters and a layer's input and output at a time (bounded by all of them).</summary>
    public double EvaluationBytes => Parameters * BytesPerValue + ActivationValues * BytesPerValue * TensorsPerActivationWhenEvaluating;

    /// <summary>Memory this process may use (the machine's, or the container's limit), as for simulations.</summary>
    public static long AvailableBytes() => NetworkSizeEstimate.AvailableBytes();

    /// <summary>Null when training fits in <paramref name="availableBytes"/>; else why not, with the estimate and what is available.</summary>
    public string? TrainingProblem(long availableBytes) => TrainingBytes <= availableBytes ? null :
        Invariant($"training needs about {Gigabytes(TrainingBytes)} of memory ({Parameters:G3} parameters; {ActivationValues:G3} activation values for a batch of {BatchSize} over {Steps} steps), more than the {Gigabytes(availableBytes)} available to this process; reduce the layer sizes, train.batch_size or model.steps");

    /// <summary>Null when evaluation fits in <paramref name="availableBytes"/>; else why not.</summary>
    public string? EvaluationProblem(long availableBytes) => EvaluationBytes <= availableBytes ? null :
        Invariant($"evaluation needs about {Gigabytes(EvaluationBytes)} of memory ({Parameters:G3} parameters; {ActivationValues:G3} activation values for a batch of {BatchSize} over {Steps} steps), more than the {Gigabytes(availableBytes)} available to this process");

    /// <summary>
    /// Refuses a layer whose own weights could not be trained in <paramref name="availableBytes"/>, before they are
    /// allocated (libtorch would fail in its allocator, or the kernel would end the process). Layer factories call it
    /// with the weight count they are about to create.
    /// </summary>
    public static void CheckLayerWeights(ConfigNode config, double weights, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bytes = weights * BytesPerValue * CopiesPerParameter;
        if (bytes > availableBytes)
            throw new LearningConfigException(Invariant(
                $"{config.Path}: its {weights:G3} weights need about {Gigabytes(bytes)} of memory to train (weight, gradient and two Adam moments in float32), more than the {Gigabytes(availableBytes)} available to this process"));
    }

    private static double Elements(IReadOnlyList<long> shape) => shape.Aggregate(1.0, (product, d) => product * d);

    private static string Gigabytes(double bytes) => Invariant($"{bytes / (1L << 30):0.0} GB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
