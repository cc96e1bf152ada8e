using Cortex.Learning.Encoding;
using Cortex.Learning.EventProp;
using Cortex.Learning.Registry;
using Cortex.Randomness;

namespace Cortex.Learning.Tests.EventProp;

/// <summary>Small EventProp networks, configs and synthetic data sets shared by the EventProp tests.</summary>
internal static class EventPropFixtures
{
    public static readonly LearningRegistry Registry = LearningRegistry.BuiltIn();

    /// <summary>
    /// A 6-8-3 network with seeded weights strong enough that hidden neurons fire, some of them more than once,
    /// and every output neuron fires: the case where the adjoint's jumps at resets and at synaptic events all matter.
    /// </summary>
    public static EventPropNetwork Tiny(ulong seed = 3)
    {
        var hidden = new CurrentLif(20, 5, 1);
        var output = new CurrentLif(10, 3, 0.8);
        var random = SeededRandom.Create(seed, (StreamDomain)0x7465_7374, 0);
        double[] Draw(int count, double mean, double std) => [.. Enumerable.Range(0, count).Select(_ => mean + (std * random.NextGaussian()))];
        return new EventPropNetwork(
            [new EventLayer(6, 8, hidden, Draw(48, 2.2, 1.2)), new EventLayer(8, 3, output, Draw(24, 1.2, 0.8))],
            new LatencyEncoder(LatencyMode.Linear, 0.05), inputWindow: 10, duration: 40);
    }

    /// <summary>Features of the tiny network's test trial (one below the latency threshold, so it stays silent).</summary>
    public static readonly double[] TinyFeatures = [0.9, 0.31, 0.77, 0.02, 0.55, 0.68];

    /// <summary>
    /// A two-class task: class 0 lights the first half of the inputs (earlier spikes there), class 1 the second,
    /// with seeded noise. Any classifier worth the name separates it.
    /// </summary>
    public static TrialSet Halves(int count, int inputs, ulong seed)
    {
        var random = SeededRandom.Create(seed, (StreamDomain)0x6861_6C66, 0);
        var features = new double[count][];
        var labels = new int[count];
        for (var s = 0; s < count; s++)
        {
            labels[s] = s % 2;
            features[s] = new double[inputs];
            for (var i = 0; i < inputs; i++)
            {
                var lit = (i < inputs / 2) == (labels[s] == 0);
                features[s][i] = Math.Clamp((lit ? 0.8 : 0.2) + (0.15 * random.NextGaussian()), 0, 1);
            }
        }
        return new TrialSet("halves", features, labels, 2);
    }

    /// <summary>An EventProp config for <see cref="Halves"/> (16 inputs), with <paramref name="layers"/> and <paramref name="train"/> spliced in.</summary>
    public static string Config(string? layers = null, string? train = null, string? encoder = null) => $$"""
        {
          "data": {"dataset": "digits"},
          "model": {
            "input_shape": [16],
            "encoder": {{encoder ?? """{"type": "latency", "threshold": 0.05}"""}},
            "input_window": 10,
            "duration": 40,
            "layers": {{layers ?? """
              [{"type": "linear", "out": 12, "init_mean": 0.6, "init_std": 0.4},
               {"type": "lif", "tau_mem": 20, "tau_syn": 5, "threshold": 1},
               {"type": "linear", "out": 2, "init_mean": 0.8, "init_std": 0.3},
               {"type": "lif", "tau_mem": 20, "tau_syn": 5, "threshold": 1}]
            """}}
          },
          "train": {{train ?? """
            {"trainer": "eventprop", "epochs": 3, "batch_size": 8, "optimizer": {"type": "adam", "lr": 0.01},
             "tau0": 2, "tau1": 20, "alpha": 0.003, "seed": 5}
          """}}
        }
        """;
}
