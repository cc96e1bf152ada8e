using System.Diagnostics;
using Cortex.Tasks;

namespace Cortex.Cognition.StdpDigits;

/// <summary>
/// One run of <see cref="StdpDigitsTask"/>. Each episode trains a fresh network (seeded from the run's seed and the
/// episode) for the configured epochs over the training images in a seeded order, without labels; then a frozen copy
/// (learnt weights and thresholds, no plasticity) is shown every training image once to label each neuron with the class
/// it fires for most on average (a neuron that never fires stays unlabelled), and every test image, classified as the
/// class whose labelled neurons fire most on average. Every presentation, in training and in testing, is repeated with
/// the input rate raised by half of max_rate while the layer fires fewer than min_spikes spikes (D&amp;C). Progress and
/// <see cref="EpisodeResult.Steps"/> count blocks of <c>block</c> images (training, then labelling, then test); the
/// curve has the accuracy on each training block from the second on, its images classified with neuron labels assigned
/// from the responses of the block before (D&amp;C's running estimate; it uses labels, learning does not).
/// </summary>
public sealed class StdpDigitsRun : ITaskRun
{
    /// <summary>Classes in both datasets.</summary>
    public const int Classes = 10;

    private readonly TaskContext _context;
    private readonly StdpDigitsSettings _settings;
    private ImageSplit? _data;

    /// <summary>A run with <paramref name="settings"/>; the images are read at the first episode.</summary>
    public StdpDigitsRun(TaskContext context, StdpDigitsSettings settings)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <summary>The images used (after <see cref="RunEpisode"/> has loaded them).</summary>
    public ImageSplit? Data => _data;

    /// <summary>The neuron labels of the last episode (−1: never fired while labelling).</summary>
    public IReadOnlyList<int> Assignments { get; private set; } = [];

    /// <inheritdoc />
    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default)
    {
        var data = _data ??= Load(_settings);
        var s = _settings;
        var seed = _context.DeriveSeed(episode, 0);
        var inputs = data.Train.Pixels;
        var train = data.Train;
        var test = data.Test;
        // Progress and steps count blocks of images: the training presentations, then the labelling and test passes.
        int Blocks(int images) => (images + s.Block - 1) / s.Block;
        var totalSteps = Blocks(s.Epochs * train.Count) + Blocks(train.Count) + Blocks(test.Count);
        var done = 0;
        void Tick(int image, int images, double correctSoFar)
        {
            if (image % s.Block == 0 || image == images) _context.Progress?.Report(new EpisodeProgress(episode, ++done, totalSteps, correctSoFar));
        }
        var clock = Stopwatch.StartNew();

        // Learning: no labels; the curve scores each block with neuron labels from the block before it.
        float[] weights;
        float[] theta;
        var curve = new List<double>();
        var trainingSpikes = 0L;
        var repeats = 0;
        using (var network = new DiehlCookNetwork(_context, s, inputs, plastic: true, seed))
        {
            network.Normalize();
            var blockResponses = new List<(int[] Counts, int Label)>();
            var previousBlock = new List<(int[] Counts, int Label)>();
            var presented = 0;
            for (var epoch = 0; epoch < s.Epochs; epoch++)
            {
                var order = Shuffle(train.Count, seed, epoch);
                foreach (var index in order)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (counts, shown) = PresentUntilActive(network, train.Images[index], learn: true);
                    repeats += shown - 1;
                    trainingSpikes += counts.Sum();
                    blockResponses.Add((counts, train.Labels[index]));
                    if (blockResponses.Count == s.Block)
                    {
                        if (previousBlock.Count > 0)
                        {
                            var labels = Assign(previousBlock, s.Neurons);
                            curve.Add(blockResponses.Count(r => Classify(r.Counts, labels) == r.Label) / (double)blockResponses.Count);
                        }
                        (previousBlock, blockResponses) = (blockResponses, previousBlock);
                        blockResponses.Clear();
                    }
                    Tick(++presented, s.Epochs * train.Count, 0);
                }
            }
            weights = network.WeightMatrix();
            theta = network.Thresholds();
        }
        var trainSeconds = clock.Elapsed.TotalSeconds;

        // Labelling and testing on the frozen network.
        using var frozen = new DiehlCookNetwork(_context, s, inputs, plastic: false, TaskSeeds.Derive(seed, 1, 0));
        frozen.SetWeightMatrix(weights);
        frozen.SetThresholds(theta);
        var responses = new List<(int[] Counts, int Label)>(train.Count);
        var evalRepeats = 0;
        for (var i = 0; i < train.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (counts, shown) = PresentUntilActive(frozen, train.Images[i], learn: false);
            evalRepeats += shown - 1;
            responses.Add((counts, train.Labels[i]));
            Tick(i + 1, train.Count, 0);
        }
        var assignments = Assign(responses, s.Neurons);
        Assignments = assignments;
        var trainAccuracy = responses.Count(r => Classify(r.Counts, assignments) == r.Label) / (double)responses.Count;

        var correct = 0;
        var testSpikes = 0L;
        for (var i = 0; i < test.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (counts, shown) = PresentUntilActive(frozen, test.Images[i], learn: false);
            evalRepeats += shown - 1;
            testSpikes += counts.Sum();
            if (Classify(counts, assignments) == test.Labels[i]) correct++;
            Tick(i + 1, test.Count, correct);
        }
        var accuracy = test.Count == 0 ? 0 : correct / (double)test.Count;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["train_accuracy"] = trainAccuracy,
            ["train_images"] = train.Count,
            ["test_images"] = test.Count,
            ["neurons"] = s.Neurons,
            ["epochs"] = s.Epochs,
            ["labelled_neurons"] = assignments.Count(a => a >= 0),
            ["spikes_per_training_image"] = s.Epochs * train.Count == 0 ? 0 : trainingSpikes / (double)(s.Epochs * train.Count),
            ["spikes_per_test_image"] = test.Count == 0 ? 0 : testSpikes / (double)test.Count,
            ["raised_repeats_train"] = repeats,
            ["raised_repeats_eval"] = evalRepeats,
            ["mean_theta_mV"] = theta.Length == 0 ? 0 : theta.Average(),
            ["train_seconds"] = trainSeconds,
            ["eval_seconds"] = clock.Elapsed.TotalSeconds - trainSeconds,
        };
        return new EpisodeResult(episode, accuracy, correct, totalSteps) { Metrics = metrics, Curve = curve };
    }

    /// <summary>Loads the configured dataset and applies the limits.</summary>
    public static ImageSplit Load(StdpDigitsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var split = settings.Dataset == StdpDigitsTask.Fashion
            ? ImageDatasets.Fashion(trainLimit: settings.TrainLimit, testLimit: settings.TestLimit)
            : ImageDatasets.Digits(testFraction: settings.TestFraction, seed: settings.SplitSeed);
        return new ImageSplit(split.Train.Take(settings.TrainLimit), split.Test.Take(settings.TestLimit));
    }

    /// <summary>
    /// Each neuron's label: the class with the highest mean spike count over the responses of that class; −1 for a
    /// neuron that never fired (ties go to the lower class).
    /// </summary>
    public static int[] Assign(IReadOnlyList<(int[] Counts, int Label)> responses, int neurons)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var sums = new double[Classes, neurons];
        var perClass = new int[Classes];
        foreach (var (counts, label) in responses)
        {
            perClass[label]++;
            for (var n = 0; n < neurons; n++) sums[label, n] += counts[n];
        }
        var assignments = new int[neurons];
        for (var n = 0; n < neurons; n++)
        {
            var best = -1;
            var bestRate = 0.0;
            for (var c = 0; c < Classes; c++)
            {
                if (perClass[c] == 0) continue;
                var rate = sums[c, n] / perClass[c];
                if (rate > bestRate)
                {
                    bestRate = rate;
                    best = c;
                }
            }
            assignments[n] = best;
        }
        return assignments;
    }

    /// <summary>The class whose labelled neurons fired most on average in <paramref name="counts"/>; −1 when none fired.</summary>
    public static int Classify(ReadOnlySpan<int> counts, IReadOnlyList<int> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        Span<double> sums = stackalloc double[Classes];
        Span<int> members = stackalloc int[Classes];
        for (var n = 0; n < assignments.Count; n++)
        {
            if (assignments[n] < 0) continue;
            sums[assignments[n]] += counts[n];
            members[assignments[n]]++;
        }
        var best = -1;
        var bestRate = 0.0;
        for (var c = 0; c < Classes; c++)
        {
            if (members[c] == 0) continue;
            var rate = sums[c] / members[c];
            if (rate > bestRate)
            {
                bestRate = rate;
                best = c;
            }
        }
        return best;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // Shows an image, again with the rate raised by half of max_rate each time, until the layer fires min_spikes spikes
    // (or max_repeats repetitions were made); normalises the weights after each showing while learning. Returns the
    // counts of the last showing and how many showings it took.
    private (int[] Counts, int Shown) PresentUntilActive(DiehlCookNetwork network, float[] image, bool learn)
    {
        var shown = 0;
        while (true)
        {
            var counts = network.Present(image, 1 + 0.5 * shown);
            shown++;
            if (learn) network.Normalize();
            var total = 0;
            foreach (var c in counts) total += c;
            if (total >= _settings.MinSpikes || shown > _settings.MaxRepeats) return (counts.ToArray(), shown);
        }
    }

    // The training order of one epoch: a seeded Fisher–Yates shuffle.
    private static int[] Shuffle(int count, ulong seed, int epoch)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        var random = TaskSeeds.Random(TaskSeeds.Derive(seed, epoch, 3));
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
