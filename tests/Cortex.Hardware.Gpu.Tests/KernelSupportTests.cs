using Cortex.Backends;
using Cortex.Hardware.Gpu.Kernels;
using Cortex.Hardware.Gpu.Support;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;
using ILGPU;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>Every built-in model either compiles to PTX for a real GPU or is refused by name with the reason, before any run.</summary>
public sealed class KernelSupportTests
{
    public static TheoryData<string> NeuronModels => [.. GpuRun.Registry.NeuronModels.Keys];

    public static TheoryData<string> SynapseModels => [.. GpuRun.Registry.SynapseModels.Keys];

    [Theory]
    [MemberData(nameof(NeuronModels))]
    public void Each_neuron_model_compiles_to_ptx_unless_it_needs_inputs_the_kernels_do_not_pass(string name)
    {
        var model = GpuRun.Registry.NeuronModels[name];
        var problem = GpuSupport.NeuronProblem(model);

        // Models that read ports or neuromodulators are refused for that reason; every other built-in compiles.
        if (model.UsesPortInputs || model.Neuromodulators.Count > 0)
        {
            Assert.NotNull(problem);
            Assert.Contains(model.UsesPortInputs ? "UsesPortInputs" : model.Neuromodulators[0], problem, StringComparison.Ordinal);
        }
        else Assert.Null(problem);
    }

    [Theory]
    [MemberData(nameof(SynapseModels))]
    public void Each_synapse_model_compiles_to_ptx(string name) => Assert.Null(GpuSupport.SynapseProblem(GpuRun.Registry.SynapseModels[name]));

    [Fact]
    public void The_specialised_lif_step_is_real_ptx_with_the_model_inlined()
    {
        var ptx = PtxCompileCheck.Ptx(new Action<Index1D, ArrayView<Modules.Neurons.Lif.State>, ArrayView<Modules.Neurons.Lif.Params>, ArrayView<float>, ArrayView<float>, ulong, long, SpikeSink>(
            NeuronKernels.Step<Modules.Neurons.Lif.State, Modules.Neurons.Lif.Params, Modules.Neurons.Lif.Dynamics>));

        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.Contains(".target sm_70", ptx, StringComparison.Ordinal);
        // The spike compaction's atomic counters survive into the device code.
        Assert.Contains("atom", ptx, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kernel_ilgpu_cannot_compile_is_reported_with_its_name_and_reason()
    {
        // A managed allocation inside a kernel is something no GPU backend of ILGPU can compile.
        var problem = PtxCompileCheck.Problem(new Action<Index1D, ArrayView<float>>(AllocatingKernel));

        Assert.NotNull(problem);
        Assert.Contains(nameof(AllocatingKernel), problem, StringComparison.Ordinal);
        // A failed compile must not poison later ones (ILGPU's context is unusable after a failure and is replaced).
        var after = PtxCompileCheck.Ptx(new Action<Index1D, ArrayView<Modules.Neurons.Izhikevich.State>, ArrayView<float>>(
            NeuronKernels.Voltages<Modules.Neurons.Izhikevich.State, Modules.Neurons.Izhikevich.Params, Modules.Neurons.Izhikevich.Dynamics>));
        Assert.Contains(".entry", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_with_refused_components_names_each_and_open_throws_before_allocating()
    {
        var refused = GpuRun.Registry.NeuronModels.Values.First(m => m.UsesPortInputs || m.Neuromodulators.Count > 0);
        var spec = new NetworkBuilder("refused").Dt(Q.Ms(0.1)).Duration(Q.Ms(1)).Seed(1)
            .Population("cells", 3, refused.Name)
            .Population("other", 3, "lif")
            .Connect("other", "cells", new AllToAllConnector(), Q.NA(0.1), Q.Ms(1),
                new SynapseSpec { Model = "exp_current", Port = "exc" }, new PlasticitySpec { Rule = "stdp" })
            .Build();
        var network = GpuRun.Compile(spec);
        var backend = GpuRun.Registry.GetBackend("gpu");

        var unsupported = backend.Unsupported(network);
        Assert.Contains(unsupported, u => u.StartsWith($"neuron model '{refused.Name}': ", StringComparison.Ordinal));
        Assert.DoesNotContain(unsupported, u => u.Contains("'stdp'", StringComparison.Ordinal));   // plastic projections run on gpu (Plasticity/)
        Assert.DoesNotContain(unsupported, u => u.Contains("'lif'", StringComparison.Ordinal));
        var error = Assert.Throws<UnsupportedComponentException>(() => backend.Open(network, GpuRun.OnCpuAccelerator));
        Assert.Equal("gpu", error.Backend);
    }

    private static void AllocatingKernel(Index1D i, ArrayView<float> values) => values[i] = new float[i + 1].Length;
}
