using Cortex.Recording;
using Cortex.Spec;

namespace Cortex.BrainRegions.Tests.Microcircuit;

/// <summary>The microcircuit runs the same on every backend and thread count, and refuses bad parameters by path.</summary>
public sealed class MicrocircuitRunTests
{
    private static List<SpikeRecord> Spikes(string parameters, string backend, int threads, string duration) =>
        [.. Runtime.Run(MicrocircuitSpecs.Spec(parameters, duration), backend, threads).Sink.Spikes];

    [Theory]
    [InlineData("16bit")]
    [InlineData("32bit")]
    public void ReferenceAndCpu_GiveIdenticalSpikes(string weights)
    {
        var parameters = $"\"scale\": 0.01, \"k_scale\": 0.05, \"weights\": \"{weights}\", \"thalamus\": \"on\", \"th_start\": \"5 ms\"";
        var reference = Spikes(parameters, "reference", 1, "30 ms");
        var cpu = Spikes(parameters, "cpu", 1, "30 ms");
        Assert.True(reference.Count > 50, $"only {reference.Count} spikes: the comparison would prove little");
        Assert.Equal(reference, cpu);
    }

    [Fact]
    public void Cpu_GivesTheSameSpikes_WithOneAndTwoThreads()
    {
        // L4e has 4,383 neurons at scale 0.2: its Poisson drive is split into chunks and its update is threaded.
        const string parameters = "\"scale\": 0.2, \"k_scale\": 0.01";
        var one = Spikes(parameters, "cpu", 1, "40 ms");
        var two = Spikes(parameters, "cpu", 2, "40 ms");
        Assert.True(one.Count > 50, $"only {one.Count} spikes");
        Assert.Equal(one, two);
    }

    [Theory]
    [InlineData("\"scale\": 0", "circuits[0].params.scale")]
    [InlineData("\"scale\": -0.5", "circuits[0].params.scale")]
    [InlineData("\"scale\": 1.5", "circuits[0].params.scale")]
    [InlineData("\"scale\": 0.0001", "circuits[0].params.scale")]
    [InlineData("\"k_scale\": 2", "circuits[0].params.k_scale")]
    [InlineData("\"k_scale\": 0", "circuits[0].params.k_scale")]
    [InlineData("\"background\": \"noise\"", "circuits[0].params.background")]
    [InlineData("\"weights\": 7", "circuits[0].params.weights")]
    [InlineData("\"delay_exc\": \"0 ms\"", "circuits[0].params.delay_exc")]
    [InlineData("\"sclae\": 0.1", "circuits[0].params.sclae")]
    public void BadParameters_GiveOneErrorNamingThePath(string parameters, string path)
    {
        var error = Assert.Throws<SpecValidationException>(() => Runtime.Compile(MicrocircuitSpecs.Spec(parameters)));
        var single = Assert.Single(error.Errors);
        Assert.Equal(path, single.Path);
    }
}
