using System.Numerics;
using Cortex.Backends.Execution;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;
using Cortex.Modules.Neurons;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Cpu.Tests;

/// <summary>
/// The CPU backend picks kernels by what a model offers (SIMD lanes or only a scalar step), never by which model it is:
/// a copy of the built-in LIF in a plugin assembly takes the same path and gives the same spikes.
/// </summary>
public sealed class PluginModelTests
{
    [Theory]
    [InlineData("lif_copy")]
    [InlineData("lif_scalar")]
    public void A_plugin_copy_of_lif_gives_the_builtin_spikes_on_the_cuba_example(string copy)
    {
        // CUBA's two exponential-current receptors take the fused path (receptors decayed inside the lane loop).
        var spec = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"));
        spec = spec with { Simulation = spec.Simulation with { Duration = Q.Ms(200) } };
        var builtIn = BackendRun.Run(BackendRun.Compile(spec), "reference");
        var plugged = BackendRun.Compile(spec with { Populations = [.. spec.Populations.Select(p => p with { Model = copy })] });

        Assert.True(builtIn.Spikes.Count > 2000, $"CUBA should be active, got {builtIn.Spikes.Count} spikes");
        Assert.Equal(builtIn.Spikes, BackendRun.Run(plugged, "cpu").Spikes);
        Assert.Equal(builtIn.Spikes, BackendRun.Run(plugged, "cpu", threads: 2).Spikes);
    }

    [Fact]
    public void A_plugin_copy_of_lif_gives_the_builtin_spikes_with_every_receptor_kind()
    {
        // More than two receptors, some not linear: the lane kernel takes a precomputed current (the unfused path).
        var builtIn = BackendRun.Run(BackendRun.Compile(ConformanceTests.MixedNetwork("lif", size: 300, seed: 4)), "reference");
        var plugged = BackendRun.Run(BackendRun.Compile(ConformanceTests.MixedNetwork("lif_copy", size: 300, seed: 4)), "cpu");

        Assert.True(builtIn.Spikes.Count > 50);
        Assert.Equal(builtIn.Spikes, plugged.Spikes);
        Assert.Equal(builtIn.Samples, plugged.Samples);
    }

    [Theory]
    [InlineData("lif", true)]
    [InlineData("lif_copy", true)]
    [InlineData("lif_scalar", false)]
    [InlineData("izhikevich", false)]
    public void The_kernel_follows_the_models_dynamics_not_its_class(string model, bool lanes)
    {
        var network = BackendRun.Compile(new NetworkBuilder("one").Population("cells", 10, model).Build());

        var kernel = NeuronKernels.Create(network.Populations[0], network);

        var type = kernel.GetType().IsGenericType ? kernel.GetType().GetGenericTypeDefinition() : kernel.GetType();
        Assert.Equal(lanes ? typeof(LaneNeuronKernel<,,,>) : typeof(ScalarNeuronKernel<,,>), type);
    }

    [Fact]
    public void Per_neuron_parameters_take_the_scalar_loop_because_lanes_share_their_parameters()
    {
        var network = BackendRun.Compile(new NetworkBuilder("varied")
            .Population("cells", 10, "lif_copy", p => p.Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30)))).Build());

        Assert.Equal(typeof(ScalarNeuronKernel<,,>), NeuronKernels.Create(network.Populations[0], network).GetType().GetGenericTypeDefinition());
    }

    [Fact]
    public void Each_lane_of_lif_performs_the_scalar_steps_operations()
    {
        var lif = new Lif();
        var p = lif.Prepare(new ParameterValues(lif.Parameters), 0.1);
        var dynamics = default(Lif.Dynamics);
        var random = new Random(7);
        var width = Vector<float>.Count;
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, p.VThresh, p.VThresh - 1e-6f];
        for (var trial = 0; trial < 2000; trial++)
        {
            var states = new Lif.State[width];
            var currents = new float[width];
            var lanes = default(Lif.Lanes);
            for (var lane = 0; lane < width; lane++)
            {
                states[lane] = new Lif.State { V = Draw(random, -80, -45, special), Refractory = random.Next(4) == 0 ? random.Next(1, 25) : 0 };
                currents[lane] = Draw(random, -2, 4, special);
                dynamics.SetLane(ref lanes, lane, in states[lane]);
            }

            var spiked = dynamics.Step(ref lanes, in p, new Vector<float>(currents));

            for (var lane = 0; lane < width; lane++)
            {
                var expected = states[lane];
                var spike = dynamics.Step(ref expected, in p, new NeuronInput(currents[lane]));
                var actual = dynamics.GetLane(in lanes, lane);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected.V), BitConverter.SingleToInt32Bits(actual.V));
                Assert.Equal(expected.Refractory, actual.Refractory);
                Assert.Equal(spike ? -1 : 0, spiked[lane]);
            }
        }
    }

    [Fact]
    public void A_lane_kernel_reads_writes_and_saves_state_as_the_models_own_group_does()
    {
        // 2 chunks and a partial vector: the padding lanes must not show through.
        var spec = new NetworkBuilder("state").Dt(Q.Ms(0.1)).Seed(3)
            .Population("cells", 2 * CpuPopulation.ChunkSize + 5, "lif", p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            .Build();
        var network = BackendRun.Compile(spec);
        var population = network.Populations[0];
        var kernel = NeuronKernels.Create(population, network);
        var group = PopulationFactory.CreateGroup(population, network);
        var currents = Enumerable.Range(0, population.Size).Select(n => (float)(0.5 + (n % 17) * 0.05)).ToArray();
        var kernelSpikes = new int[population.Size];
        var groupSpikes = new int[population.Size];
        for (var step = 0; step < 50; step++)
        {
            var batch = new NeuronBatch(currents);
            var count = kernel.Update(0, in batch, kernelSpikes);
            Assert.Equal(group.StepMany(0, in batch, groupSpikes), count);
            Assert.Equal(groupSpikes.AsSpan(0, count).ToArray(), kernelSpikes.AsSpan(0, count).ToArray());
            if (step == 20)
            {
                kernel.AddVoltage(population.Size - 1, 3f);
                group.AddVoltage(population.Size - 1, 3f);
                kernel.Set(1, 4, 7);
                group.Set(1, 4, 7);
            }
        }

        Assert.Equal(Saved(group.Save), Saved(kernel.Save));
        var restored = NeuronKernels.Create(population, network);
        using (var reader = new BinaryReader(new MemoryStream(Saved(kernel.Save)))) restored.Load(reader);
        for (var n = 0; n < population.Size; n++)
            for (var v = 0; v < 2; v++) Assert.Equal(group.Get(v, n), restored.Get(v, n));
    }

    private static byte[] Saved(Action<BinaryWriter> save)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) save(writer);
        return stream.ToArray();
    }

    private static float Draw(Random random, double low, double high, float[] special) =>
        random.Next(20) == 0 ? special[random.Next(special.Length)] : (float)(low + (high - low) * random.NextDouble());
}
