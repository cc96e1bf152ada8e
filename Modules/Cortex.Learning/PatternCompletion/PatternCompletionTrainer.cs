using Cortex.Learning.Memory;
using Cortex.Learning.Plasticity;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.PatternCompletion;

/// <summary>
/// Trains a <see cref="PlasticRecurrentLayer"/> on the pattern-completion task as Miconi, Clune &amp; Stanley
/// (2018) do: one neuron per bit with the input added directly, every episode run from a zero state and a
/// zero Hebbian trace, loss = mean squared error between the last step's output and the full test pattern,
/// backpropagated through the whole episode into w, α and η, and Adam. The initial weights come from
/// <c>train.seed</c> through a private generator and the episodes from seeded streams, so a run does not
/// depend on torch's global generator and the same config gives the same loss curve (at a fixed thread count).
/// </summary>
public sealed class PatternCompletionTrainer : IDisposable
{
    // Bounds an evaluation chunk's traces [chunk, size, size] to about 64 MiB of float32 each.
    private const long EvaluationElementsPerChunk = 16L << 20;

    private readonly PatternEpisodes _training;
    private readonly List<PatternCompletionStep> _history = [];

    private PatternCompletionTrainer(PatternCompletionConfig config, PlasticRecurrentLayer network)
    {
        Config = config;
        Network = network;
        Optimizer = optim.Adam(network.parameters(), config.LearningRate);
        _training = new PatternEpisodes(config.Task, (ulong)config.Seed, PatternEpisodes.TrainingStream);
    }

    /// <summary>The run's settings.</summary>
    public PatternCompletionConfig Config { get; }

    /// <summary>The network being trained (owned by the trainer).</summary>
    public PlasticRecurrentLayer Network { get; }

    /// <summary>Adam over w, and α and η when plastic.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>False for the non-plastic control.</summary>
    public bool Plastic => Network.Alpha is not null;

    /// <summary>Training episodes done.</summary>
    public long EpisodesDone { get; private set; }

    /// <summary>True once <see cref="EpisodesDone"/> reaches the configured episodes.</summary>
    public bool Finished => EpisodesDone >= Config.Episodes;

    /// <summary>Every optimiser step so far, in order: the training curve.</summary>
    public IReadOnlyList<PatternCompletionStep> History => _history;

    /// <summary>
    /// A fresh network and optimiser for <paramref name="config"/>: plastic, or the control with α ≡ 0 (which
    /// starts from the same w, since w is drawn first). Sets torch's thread count to the config's.
    /// </summary>
    public static PatternCompletionTrainer Create(PatternCompletionConfig config, bool plastic)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Trainer.UseThreads(config.Threads);
        using var generator = new Generator((ulong)config.Seed);
        var size = config.Task.PatternSize;
        var network = new PlasticRecurrentLayer(size, size, InputProjection.Direct, config.Model with { Plastic = plastic }, generator);
        return new PatternCompletionTrainer(config, network);
    }

    /// <summary>One Adam step on the next batch of training episodes (fewer at the end, to stop at the configured total).</summary>
    public PatternCompletionStep Step()
    {
        if (Finished) throw new InvalidOperationException($"all {Config.Episodes} episodes are done");
        var step = StepInScope();
        FreedMemoryRelease.ReturnFreePages();   // as Trainer.TrainStep: the freed pages go back, so the heaps do not fragment and grow
        return step;
    }

    private PatternCompletionStep StepInScope()
    {
        var count = (int)Math.Min(Config.BatchSize, Config.Episodes - EpisodesDone);
        using var scope = NewDisposeScope();
        using var batch = _training.Draw(EpisodesDone, count);
        Optimizer.zero_grad();
        var last = Network.call(batch.Inputs)[-1];
        var loss = nn.functional.mse_loss(last, batch.Targets);
        loss.backward();
        var value = loss.item<float>();
        if (!float.IsFinite(value))
            throw new TrainingDivergedException($"{Config.Name}: episodes {EpisodesDone + 1}–{EpisodesDone + count}: the loss became {value}; lower train.lr");
        Optimizer.step();
        EpisodesDone += count;
        var step = new PatternCompletionStep(EpisodesDone, count, CompletionScore.Measure(last, batch));
        _history.Add(step);
        return step;
    }

    /// <summary>Trains until <see cref="Finished"/>, reporting every step.</summary>
    public IReadOnlyList<PatternCompletionStep> Run(IProgress<PatternCompletionStep>? progress = null, CancellationToken cancellationToken = default)
    {
        while (!Finished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Not progress?.Report(Step()): without a listener that would skip the step itself.
            var step = Step();
            progress?.Report(step);
        }
        return History;
    }

    /// <summary>
    /// The score on <see cref="PatternCompletionConfig.EvaluationEpisodes"/> held-out episodes (a stream never
    /// trained on, the same for every network of this seed), without gradients.
    /// </summary>
    public CompletionScore Evaluate()
    {
        var episodes = new PatternEpisodes(Config.Task, (ulong)Config.Seed, PatternEpisodes.EvaluationStream);
        var size = (long)Config.Task.PatternSize;
        var chunk = (int)Math.Clamp(EvaluationElementsPerChunk / (size * size), 1, 256);
        var scores = new List<CompletionScore>();
        var weights = new List<int>();
        using var guard = no_grad();
        for (var first = 0; first < Config.EvaluationEpisodes; first += chunk)
        {
            var count = Math.Min(chunk, Config.EvaluationEpisodes - first);
            using var scope = NewDisposeScope();
            using var batch = episodes.Draw(first, count);
            scores.Add(CompletionScore.Measure(Network.call(batch.Inputs)[-1], batch));
            weights.Add(count);
        }
        return CompletionScore.Mean(scores, weights);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Optimizer.Dispose();
        Network.Dispose();
    }
}
