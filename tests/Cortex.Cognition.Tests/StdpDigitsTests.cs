using Cortex.Cognition.StdpDigits;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>
/// The unsupervised STDP task (Diehl &amp; Cook 2015) on sklearn's 8×8 digits: the pieces (split, Poisson input, weight
/// normalisation, labelling and classification), determinism for a seed, and the accuracy it reaches.
/// </summary>
public sealed class StdpDigitsTests
{
    private static TaskModel Task => Runtime.Registry.Tasks["stdp_digits"];

    private static TaskContext Context(ulong seed, params (string Key, string Value)[] settings) => Context(seed, "cpu", settings);

    private static TaskContext Context(ulong seed, string backend, params (string Key, string Value)[] settings) => new()
    {
        Seed = seed,
        Parameters = Task.ResolveParameters(settings.ToDictionary(s => s.Key, s => s.Value)),
        Registry = Runtime.Registry,
        Backend = Runtime.Registry.GetBackend(backend),
    };

    private static EpisodeResult Run(ulong seed, params (string Key, string Value)[] settings) => Run(seed, "cpu", settings);

    private static EpisodeResult Run(ulong seed, string backend, params (string Key, string Value)[] settings)
    {
        var context = Context(seed, backend, settings);
        using var run = Task.Create(context);
        return run.RunEpisode(1);
    }

    private static void AssertSameRun(EpisodeResult expected, EpisodeResult actual)
    {
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.Curve, actual.Curve);
        foreach (var (name, value) in expected.Metrics)
            if (!name.EndsWith("_seconds", StringComparison.Ordinal)) Assert.Equal(value, actual.Metrics[name]);
    }

    [Fact]
    public void Defaults_depend_on_the_dataset_and_bad_settings_are_named()
    {
        var digits = StdpDigitsSettings.From(Task.ResolveParameters(new Dictionary<string, string>()));
        Assert.Equal((StdpDigitsTask.Digits, 200, 2, 0.125, true), (digits.Dataset, digits.Neurons, digits.Epochs, digits.ThetaPlus, digits.Multiplicative));
        var fashion = StdpDigitsSettings.From(Task.ResolveParameters(new Dictionary<string, string> { ["dataset"] = "1", ["neurons"] = "30" }));
        Assert.Equal((StdpDigitsTask.Fashion, 30, 0.05, 0.078), (fashion.Dataset, fashion.Neurons, fashion.ThetaPlus, fashion.WSum));

        var error = Assert.Throws<TaskParameterException>(() => Task.ResolveParameters(new Dictionary<string, string> { ["dataset"] = "2", ["neurons"] = "1.5" }));
        Assert.Contains("dataset: must be 0 (8x8 digits) or 1 (Fashion-MNIST), got 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("neurons: must be a whole number", error.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<TaskParameterException>(() => Task.ResolveParameters(new Dictionary<string, string> { ["presentaton"] = "200 ms" }));
        Assert.Contains("did you mean 'presentation'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neurons_are_labelled_by_their_strongest_class_and_images_classified_by_the_labelled_groups()
    {
        // Neuron 0 fires for class 3, neuron 1 for class 7 (more on average than for 3), neuron 2 never fires.
        (int[], int)[] responses = [([4, 1, 0], 3), ([2, 0, 0], 3), ([0, 3, 0], 7), ([1, 2, 0], 7)];
        var labels = StdpDigitsRun.Assign(responses, 3);
        Assert.Equal([3, 7, -1], labels);
        Assert.Equal(3, StdpDigitsRun.Classify([5, 1, 9], labels));
        Assert.Equal(7, StdpDigitsRun.Classify([0, 1, 9], labels));
        Assert.Equal(-1, StdpDigitsRun.Classify([0, 0, 9], labels));
    }

    [Fact]
    public void The_split_is_stratified_disjoint_complete_and_seeded()
    {
        var labels = Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat(c, 10 + c)).ToArray();
        var (train, test) = ImageDatasets.StratifiedSplit(labels, 0.2, 7);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Enumerable.Range(0, labels.Length), train.Concat(test).Order());
        for (var c = 0; c < 10; c++)
            Assert.Equal((int)Math.Round((10 + c) * 0.2, MidpointRounding.AwayFromZero), test.Count(i => labels[i] == c));
        Assert.Equal(test, ImageDatasets.StratifiedSplit(labels, 0.2, 7).Test);
        Assert.NotEqual(test, ImageDatasets.StratifiedSplit(labels, 0.2, 8).Test);
    }

    [DigitsFact]
    public void The_digits_are_1797_images_split_1438_to_359()
    {
        var split = ImageDatasets.Digits();
        Assert.Equal((1438, 359, 8), (split.Train.Count, split.Test.Count, split.Train.Side));
        Assert.All(split.Train.Images.Concat(split.Test.Images), image => Assert.All(image, x => Assert.InRange(x, 0f, 1f)));
        Assert.Equal(178, split.Train.Labels.Count(l => l == 0) + split.Test.Labels.Count(l => l == 0));
    }

    [Fact]
    public void Input_neurons_fire_at_max_rate_times_intensity_and_weights_are_normalised_per_neuron()
    {
        var settings = StdpDigitsSettings.From(Context(3, ("neurons", "10")).Parameters);
        using var network = new DiehlCookNetwork(Context(3, ("neurons", "10")), settings, inputs: 64, plastic: true, seed: 11);
        var image = new float[64];
        for (var i = 0; i < 32; i++) image[i] = 1;
        for (var i = 32; i < 64; i++) image[i] = 0.25f;
        const int presentations = 20;
        for (var k = 0; k < presentations; k++) network.Present(image, rateScale: 1);
        var inputSpikes = network.Session.SpikeCounts[network.Session.Population(DiehlCookNetwork.Input)];
        var expected = presentations * (32 * 1.0 + 32 * 0.25) * settings.MaxRateHz * settings.PresentationMs / 1000; // 17,850
        Assert.InRange(inputSpikes, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));

        network.Normalize();
        var matrix = network.WeightMatrix();
        for (var n = 0; n < settings.Neurons; n++)
        {
            var sum = 0.0;
            for (var i = 0; i < 64; i++) sum += matrix[i * settings.Neurons + n];
            Assert.Equal(settings.WSum, sum, 1e-6);
        }
    }

    [DigitsFact]
    public void A_seed_gives_the_same_run()
    {
        (string, string)[] small = [("neurons", "20"), ("train_limit", "150"), ("test_limit", "60"), ("block", "50")];
        var first = Run(5, small);
        AssertSameRun(first, Run(5, small));
        Assert.NotEqual(first.Metrics["mean_theta_mV"], Run(6, small).Metrics["mean_theta_mV"]);
    }

    /// <summary>The reference backend runs the same network (adaptive_lif's port inputs, stdp, injected spikes) to the same result.</summary>
    [DigitsFact]
    public void The_reference_backend_gives_the_same_run_as_cpu()
    {
        (string, string)[] tiny = [("neurons", "10"), ("train_limit", "40"), ("test_limit", "20"), ("block", "10")];
        AssertSameRun(Run(7, "cpu", tiny), Run(7, "reference", tiny));
    }

    /// <summary>
    /// The default network (200 neurons, two epochs over the 1438 training images) reaches D&amp;C-level accuracy on the
    /// 8×8 digits: ≥ 0.90 on the 359 test images is required (0.942 for seed 1; chance is 0.1). The slowest test in the
    /// suite (about 3 minutes on one core), kept because it is the figure the README quotes.
    /// </summary>
    [DigitsFact]
    public void The_default_network_reaches_ninety_percent_on_the_digits()
    {
        var result = Run(1);
        Assert.True(result.Score >= 0.90, $"test accuracy {result.Score:0.000}");
        Assert.Equal(359, result.Metrics["test_images"]);
    }

    /// <summary>
    /// A quarter of the default network for half the time (50 neurons, one epoch, θ+ halved to keep the thresholds at the
    /// default run's level) still learns the digits without labels: 0.833 on the 359 test images for seed 1 (0.827 for
    /// seed 2; chance is 0.1), in well under a minute.
    /// </summary>
    [DigitsFact]
    public void A_small_network_learns_the_digits_without_labels()
    {
        var result = Run(1, ("neurons", "50"), ("epochs", "1"), ("theta_plus", "0.06 mV"));
        Assert.True(result.Score >= 0.75, $"test accuracy {result.Score:0.000}");
        Assert.True(result.Metrics["train_accuracy"] >= 0.75, $"train accuracy {result.Metrics["train_accuracy"]:0.000}");
        Assert.InRange(result.Metrics["labelled_neurons"], 40, 50);
        Assert.Equal(4, result.Curve!.Count); // 1438 images: a point per block of 250 after the first
        Assert.Equal(6 + 6 + 2, result.Steps); // blocks: training (one epoch), labelling, 359 test images
        Assert.Equal(result.Score * 359, result.Return, 1e-9); // the return counts correct test images
    }
}

/// <summary>
/// A fact that reads sklearn's digits; skipped, naming the Debian package, when the file is absent (./test installs it);
/// under CI (<c>CI=true</c>) it runs and fails instead, since there a missing install step is a broken build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DigitsFactAttribute : FactAttribute
{
    /// <summary>Skips the test when the digits are not installed.</summary>
    public DigitsFactAttribute()
    {
        var underCi = Environment.GetEnvironmentVariable("CI") is "true" or "1";
        if (!File.Exists(ImageDatasets.DigitsPath) && !underCi) Skip = $"{ImageDatasets.DigitsPath} is absent (apt-get install {ImageDatasets.DigitsPackage})";
    }
}
