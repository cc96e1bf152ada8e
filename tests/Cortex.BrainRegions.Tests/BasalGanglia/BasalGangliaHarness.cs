using Cortex.Compilation;
using Cortex.Recording;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Tests.BasalGanglia;

/// <summary>
/// Runs a small <c>basal_ganglia</c> instance ("bg") with Poisson cortical input per channel and reads per-channel rates:
/// the selection experiments of Gurney, Prescott &amp; Redgrave (2001b) in spiking form.
/// </summary>
internal static class BasalGangliaHarness
{
    public const int ChannelSize = 20;

    /// <summary>One phase of cortical input: a Poisson rate (Hz) per channel from <paramref name="StartMs"/> on.</summary>
    public sealed record Phase(double StartMs, double[] Saliences);

    /// <summary>
    /// A spec whose cortical relay gets, per phase and channel, independent Poisson trains at the salience rate; each
    /// input spike jumps a relay neuron by 20 mV (past threshold), so the relay fires at about the salience rate.
    /// </summary>
    public static NetworkSpec SalienceSpec(IReadOnlyList<Phase> phases, double durationMs, ulong seed = 1, Action<CircuitInstanceBuilder>? parameters = null)
    {
        var builder = new NetworkBuilder("basal_ganglia").Dt(Q.Ms(0.1)).Duration(Q.Ms(durationMs)).Seed(seed);
        for (var p = 0; p < phases.Count; p++)
        {
            var stop = p + 1 < phases.Count ? Q.Ms(phases[p + 1].StartMs) : (Quantity?)null;
            for (var k = 0; k < phases[p].Saliences.Length; k++)
            {
                if (phases[p].Saliences[k] <= 0) continue;
                builder.Stimulate(new PoissonStimulus
                {
                    Target = "bg.in", Indices = [.. Enumerable.Range(k * ChannelSize, ChannelSize)],
                    Rate = Q.Hz(phases[p].Saliences[k]), Weight = Q.MV(20), Synapse = new SynapseSpec { Model = "delta", Port = "salience" },
                    Start = Q.Ms(phases[p].StartMs), Stop = stop,
                });
            }
        }
        var channels = phases[0].Saliences.Length;
        return builder
            .RecordSpikes("bg.out").RecordSpikes("bg.ctx").RecordSpikes("bg.d1").RecordSpikes("bg.d2").RecordSpikes("bg.stn").RecordSpikes("bg.gpe")
            .Circuit("basal_ganglia", "bg", c =>
            {
                c.Param("channels", channels).Param("channel_size", ChannelSize);
                parameters?.Invoke(c);
            })
            .Build();
    }

    /// <summary>Mean rate (Hz) per channel of population <paramref name="population"/> over [fromMs, toMs).</summary>
    public static double[] ChannelRates(CompiledNetwork network, MemorySink sink, string population, int channels, double fromMs, double toMs)
    {
        var index = network.Populations.Select((p, i) => (p.Name, i)).Single(p => p.Name == population).i;
        var counts = new double[channels];
        var (from, to) = ((long)Math.Round(fromMs / network.Dt), (long)Math.Round(toMs / network.Dt));
        foreach (var s in sink.Spikes)
            if (s.Population == index && s.Step >= from && s.Step < to)
                counts[s.Neuron / ChannelSize]++;
        return [.. counts.Select(c => c / ChannelSize / ((toMs - fromMs) / 1000))];
    }
}
