using System.Globalization;
using Cortex.BrainRegions.Tests.Thalamus;
using Cortex.Spec;
using Xunit.Abstractions;

namespace Cortex.BrainRegions.Tests;

/// <summary>The example specs of the built-in circuits run and show what their comments say.</summary>
public sealed class ExampleSpecTests(ITestOutputHelper output)
{
    private static NetworkSpec Example(string file) => SpecJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", file)));

    [Fact]
    public void Ca3Example_CompletesTheCuedPattern()
    {
        // Read the protocol from the spec itself: stimulus 0 imposes pattern 0, stimulus 10 its cue during recall.
        var spec = Example("ca3.json");
        var pattern = spec.Stimuli[0].Indices!;
        var cue = (DcStimulus)spec.Stimuli[10];
        Assert.True(cue.Indices!.All(pattern.Contains), "stimulus 10 is the cue of pattern 0");
        var uncued = pattern.Except(cue.Indices!).ToHashSet();
        var (network, sink) = Runtime.Run(spec);
        var from = cue.Start!.Value.Value;
        var to = cue.Stop!.Value.Value;
        var fired = sink.Spikes.Where(s => s.Step * network.Dt >= from && s.Step * network.Dt < to).Select(s => s.Neuron).ToHashSet();
        var completed = uncued.Count(fired.Contains);
        var strays = fired.Count(n => !pattern.Contains(n));
        output.WriteLine($"recall of pattern 0: {completed}/{uncued.Count} uncued cells fired, {strays} cells outside the pattern");
        Assert.True(completed >= 0.9 * uncued.Count, $"{completed} of {uncued.Count} uncued cells fired");
        Assert.True(strays <= 2, $"{strays} cells outside the pattern fired");
    }

    [Fact]
    public void ThalamocorticalExample_PeaksInTheSpindleBand()
    {
        var spec = Example("thalamocortical.json");
        var (network, sink) = Runtime.Run(spec);
        var tc = network.Populations.ToList().FindIndex(p => p.Name == "t.tc");
        var bins = new double[(int)((spec.Simulation.Duration.Value - 500) / 2)];
        foreach (var s in sink.Spikes)
            if (s.Population == tc && s.Step * network.Dt >= 500) bins[(int)((s.Step * network.Dt - 500) / 2)]++;
        var spectrum = PopulationSpectrum.Welch(bins, 2, 500);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak {spectrum.PeakFrequency(2, 100)} Hz"));
        Assert.InRange(spectrum.PeakFrequency(2, 100), 7, 14);
    }
}
