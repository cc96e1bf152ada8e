using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Plasticity;

/// <summary>
/// A recurrent layer with differentiable plasticity (Miconi, Clune &amp; Stanley 2018, "Differentiable
/// plasticity: training plastic neural networks with backpropagation", ICML). Each recurrent connection
/// j → i has a fixed weight w_ij and a plastic part α_ij·Hebb_ij, where the Hebbian trace follows the
/// activity of the current episode:
/// <code>
///   y_t        = tanh(W·x_t + b + Σ_j (w_ij + α_ij·Hebb_ij,t)·y_{t−1,j})
///   Hebb_t+1   = (1 − η)·Hebb_t + η·y_t·y_{t−1}ᵀ          (or Oja's rule, see HebbianRule)
/// </code>
/// w, α (one per connection) and η (one per layer) are parameters learned by backpropagation through the
/// whole episode; Hebb is state, not a parameter: it starts at zero at every forward, and every sequence of a
/// batch keeps its own, so one sequence is one episode. Input [T, B, in] → rates y [T, B, hidden].
/// With <see cref="InputProjection.Direct"/> the input is added unweighted (W = I, no b), as in the paper's
/// pattern-completion network. Weight matrices are [post, pre], like <c>nn.Linear</c>.
/// </summary>
public sealed class PlasticRecurrentLayer : nn.Module<Tensor, Tensor>
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters through them.
    private readonly Parameter? input_weight;
    private readonly Parameter? input_bias;
    private readonly Parameter weight;
    private readonly Parameter? alpha;
    private readonly Parameter? eta;

    /// <summary>
    /// Creates the layer. w and α are drawn as <see cref="PlasticRecurrentOptions.InitScale"/>·N(0, 1), w first,
    /// so a plastic layer and its control made from the same seed start with the same w.
    /// </summary>
    /// <param name="inFeatures">Input size (equal to <paramref name="hidden"/> for direct input).</param>
    /// <param name="hidden">Number of recurrent neurons.</param>
    /// <param name="input">How the input enters.</param>
    /// <param name="options">η, rule, plastic or not, initial scale; validated here.</param>
    /// <param name="generator">Random numbers for the initial weights; null for torch's global generator.</param>
    public PlasticRecurrentLayer(long inFeatures, long hidden, InputProjection input, PlasticRecurrentOptions options, Generator? generator = null)
        : base("plastic_rnn")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (input == InputProjection.Direct && inFeatures != hidden)
            throw new ArgumentException($"direct input needs one input per neuron: {inFeatures} inputs for {hidden} neurons", nameof(inFeatures));
        if (!Enum.IsDefined(input)) throw new ArgumentOutOfRangeException(nameof(input), input, "unknown input projection");
        InFeatures = inFeatures;
        Hidden = hidden;
        Input = input;
        Options = options;
        using (no_grad())
        {
            weight = nn.Parameter(randn([hidden, hidden], generator: generator).mul_(options.InitScale));
            if (options.Plastic)
            {
                alpha = nn.Parameter(randn([hidden, hidden], generator: generator).mul_(options.InitScale));
                eta = nn.Parameter(tensor(options.Eta, float32));
            }
            if (input == InputProjection.Linear)
            {
                var bound = 1 / Math.Sqrt(inFeatures);
                input_weight = nn.Parameter(empty(hidden, inFeatures).uniform_(-bound, bound, generator));
                input_bias = nn.Parameter(empty(hidden).uniform_(-bound, bound, generator));
            }
        }
        register_parameter("weight", weight);
        if (alpha is not null) register_parameter("alpha", alpha);
        if (eta is not null) register_parameter("eta", eta);
        if (input_weight is not null) register_parameter("input_weight", input_weight);
        if (input_bias is not null) register_parameter("input_bias", input_bias);
    }

    /// <summary>Input size.</summary>
    public long InFeatures { get; }

    /// <summary>Number of recurrent neurons (the output size).</summary>
    public long Hidden { get; }

    /// <summary>How the input enters.</summary>
    public InputProjection Input { get; }

    /// <summary>The settings the layer was made with (η there is the initial value).</summary>
    public PlasticRecurrentOptions Options { get; }

    /// <summary>The fixed recurrent weights w [post, pre].</summary>
    public Parameter Weight => weight;

    /// <summary>The plasticity coefficients α [post, pre]; null for the non-plastic control.</summary>
    public Parameter? Alpha => alpha;

    /// <summary>The learned plasticity rate η (a scalar); null for the non-plastic control.</summary>
    public Parameter? Eta => eta;

    /// <summary>The input weights W [hidden, in], or null for direct input.</summary>
    public Parameter? InputWeight => input_weight;

    /// <summary>The input biases b [hidden], or null for direct input.</summary>
    public Parameter? InputBias => input_bias;

    /// <summary>The Hebbian trace [B, post, pre] after the last step of the last forward (detached), for inspection; null without plasticity.</summary>
    public Tensor? LastHebb { get; private set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.shape[2] != InFeatures)
            throw new ArgumentException($"{GetName()}: expected input [T, batch, {InFeatures}], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        // Tensor + Tensor makes a temporary Scalar alpha = 1 whose only reference ends before the native call returns, so
        // under GC pressure its finalizer can free it mid-call (libtorch then fails in Scalar::toFloat). One Scalar, held
        // to the end of the method, serves every addition of the loop.
        using var one = 1.ToScalar();
        using var scope = NewDisposeScope();
        // The input's share of every step at once: one GEMM over T·B rows instead of T small ones.
        var drive = input_weight is null ? input : nn.functional.linear(input, input_weight, input_bias);
        var steps = input.shape[0];
        var y = zeros([input.shape[1], Hidden], input.dtype, input.device);
        // Without α the trace cannot reach the output, so the control skips it rather than compute it unused.
        var hebb = alpha is null ? null : zeros([input.shape[1], Hidden, Hidden], input.dtype, input.device);
        var outputs = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            // Each step's temporaries go at its end (autograd keeps what it saved), so without gradients
            // memory stays at one trace however long the episode.
            using var stepScope = NewDisposeScope();
            var previous = y;
            var recurrent = nn.functional.linear(previous, weight);
            if (hebb is not null)
                recurrent = recurrent.add((alpha! * hebb).matmul(previous.unsqueeze(-1)).squeeze(-1), one);
            y = tanh(drive[t].add(recurrent, one)).MoveToOuterDisposeScope();
            if (hebb is not null)
            {
                var next = HebbianTrace.Next(hebb, previous, y, eta!, Options.Rule).MoveToOuterDisposeScope();
                hebb.Dispose();
                hebb = next;
            }
            outputs[t] = y;
        }
        LastHebb?.Dispose();
        LastHebb = hebb?.detach().MoveToOuterDisposeScope();
        return stack(outputs).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) LastHebb?.Dispose();
        base.Dispose(disposing);
    }
}
