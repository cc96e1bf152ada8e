using System.Globalization;
using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Running;

namespace Cortex.Conformance.Tests.Comparison;

/// <summary>Asserts that a backend's outcome agrees with the reference's under the backend's <see cref="Tolerance"/>.</summary>
public static class Agreement
{
    /// <summary>Compares everything a case produced; <paramref name="chaotic"/> selects statistics over spike-by-spike for a toleranced backend.</summary>
    public static void Assert(CaseOutcome reference, CaseOutcome actual, CompiledNetwork network, Tolerance tolerance, bool chaotic)
    {
        if (tolerance.Exact)
        {
            AssertBitIdentical(reference, actual);
            return;
        }
        if (chaotic)
        {
            AssertStatistics(reference, actual, network, tolerance);
            return;
        }
        AssertSpikeTrains(reference, actual, network.Populations.Count, tolerance.SpikeStepWindow);
        AssertValues("weights", reference.Weights.SelectMany(w => w).ToArray(), actual.Weights.SelectMany(w => w).ToArray(), tolerance.ValueRelative);
        Xunit.Assert.Equal(reference.Samples.Select(s => (s.Probe, s.Neuron, s.Step)), actual.Samples.Select(s => (s.Probe, s.Neuron, s.Step)));
    }

    /// <summary>Every spike, sample, weight and count equal.</summary>
    public static void AssertBitIdentical(CaseOutcome reference, CaseOutcome actual)
    {
        Xunit.Assert.Equal(reference.Counts, actual.Counts);
        Xunit.Assert.Equal(reference.Spikes, actual.Spikes);
        Xunit.Assert.Equal(reference.Samples, actual.Samples);
        Xunit.Assert.Equal(reference.Weights.Length, actual.Weights.Length);
        for (var p = 0; p < reference.Weights.Length; p++) Xunit.Assert.Equal(reference.Weights[p], actual.Weights[p]);
        Xunit.Assert.Equal(reference.FinalState.Keys, actual.FinalState.Keys);
        foreach (var (variable, values) in reference.FinalState)
            Xunit.Assert.True(values.AsSpan().SequenceEqual(actual.FinalState[variable]), $"final {variable} differs from the reference");
    }

    /// <summary>The same spikes per neuron, each within <paramref name="window"/> steps of the reference's.</summary>
    public static void AssertSpikeTrains(CaseOutcome reference, CaseOutcome actual, int populations, int window)
    {
        for (var p = 0; p < populations; p++)
        {
            var expected = reference.TrainsOf(p);
            var got = actual.TrainsOf(p);
            foreach (var neuron in expected.Keys.Union(got.Keys).Order())
            {
                var e = expected.GetValueOrDefault(neuron) ?? [];
                var g = got.GetValueOrDefault(neuron) ?? [];
                Xunit.Assert.True(e.Count == g.Count,
                    $"population {p} neuron {neuron}: {g.Count} spikes, the reference {e.Count} (steps {Show(g)} against {Show(e)})");
                for (var i = 0; i < e.Count; i++)
                    Xunit.Assert.True(Math.Abs(e[i] - g[i]) <= window,
                        $"population {p} neuron {neuron}: spike {i} at step {g[i]}, the reference at {e[i]} (more than {window} step apart)");
            }
        }
    }

    /// <summary>Rate per population within the relative tolerance, and mean ISI CV within its tolerance.</summary>
    public static void AssertStatistics(CaseOutcome reference, CaseOutcome actual, CompiledNetwork network, Tolerance tolerance)
    {
        var seconds = network.Steps * network.Dt * 1e-3;
        for (var p = 0; p < network.Populations.Count; p++)
        {
            var size = network.Populations[p].Size;
            var e = PopulationStatistics.Of(reference.TrainsOf(p), size, seconds, network.Dt);
            var g = PopulationStatistics.Of(actual.TrainsOf(p), size, seconds, network.Dt);
            if (e.RateHz == 0 && g.RateHz == 0) continue;
            Xunit.Assert.True(Math.Abs(g.RateHz - e.RateHz) <= tolerance.RateRelative * e.RateHz,
                $"population {network.Populations[p].Name}: rate {g.RateHz:0.###} Hz, the reference {e.RateHz:0.###} Hz (tolerance {tolerance.RateRelative:P0})");
            if (e.NeuronsWithCv < 10) continue;
            Xunit.Assert.True(Math.Abs(g.MeanIsiCv - e.MeanIsiCv) <= tolerance.IsiCvRelative * e.MeanIsiCv,
                $"population {network.Populations[p].Name}: ISI CV {g.MeanIsiCv:0.####}, the reference {e.MeanIsiCv:0.####} (tolerance {tolerance.IsiCvRelative:P0})");
        }
    }

    /// <summary>Each value within <paramref name="relative"/> of the larger of its magnitude and the array's largest magnitude.</summary>
    public static void AssertValues(string what, float[] expected, float[] actual, double relative)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Length == 0 ? 0 : expected.Max(x => Math.Abs(x));
        for (var i = 0; i < expected.Length; i++)
            Xunit.Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(scale, Math.Abs(expected[i])) || expected[i].Equals(actual[i]),
                $"{what}[{i}]: {actual[i].ToString("R", CultureInfo.InvariantCulture)}, the reference {expected[i].ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static string Show(List<long> steps) => steps.Count <= 8 ? $"[{string.Join(", ", steps)}]" : $"[{string.Join(", ", steps.Take(8))}, …]";
}
