using Cortex.Compilation;
using Cortex.Hardware.Gpu.Kernels;
using Cortex.Hardware.Gpu.Plasticity;
using Cortex.Models;
using ILGPU;

namespace Cortex.Hardware.Gpu.Support;

/// <summary>
/// What the gpu backend refuses, by name and with the reason, decided by compiling each model's specialised kernels to PTX
/// (what a real GPU would be given), plus the inputs the kernels do not pass yet (per-port inputs, neuromodulator levels).
/// </summary>
internal static class GpuSupport
{
    /// <summary>Every refused component of <paramref name="network"/>: "neuron model 'x': reason", "synapse model 'y': reason", "plasticity rule 'z': reason".</summary>
    public static IReadOnlyList<string> Unsupported(CompiledNetwork network)
    {
        var problems = new List<string>();
        foreach (var model in network.Populations.Select(p => p.Model).DistinctBy(m => m.Name))
            if (NeuronProblem(model) is { } problem) problems.Add($"neuron model '{model.Name}': {problem}");
        foreach (var model in network.Populations.SelectMany(p => p.Receptors).Select(r => r.Model).DistinctBy(m => m.Name))
            if (SynapseProblem(model) is { } problem) problems.Add($"synapse model '{model.Name}': {problem}");
        problems.AddRange(GpuPlasticProjections.Unsupported(network));
        if (network.Partition is not null) problems.Add("partitioned network: the gpu backend runs a whole network on one device, not an MPI rank's share");
        return problems;
    }

    /// <summary>Null when the neuron model runs on the device; otherwise why not.</summary>
    public static string? NeuronProblem(NeuronModel model)
    {
        if (model.UsesPortInputs) return "it reads each receptor port separately (UsesPortInputs), which the gpu kernels do not pass yet";
        if (model.Neuromodulators.Count > 0) return $"it reads neuromodulator levels ({string.Join(", ", model.Neuromodulators)}), which the gpu kernels do not pass yet";
        return model.Accept(new NeuronKernelCheck());
    }

    /// <summary>Null when the receptor model runs on the device; otherwise why not.</summary>
    public static string? SynapseProblem(SynapseModel model) => model.Accept(new SynapseKernelCheck());

    private sealed class NeuronKernelCheck : INeuronModelVisitor<string?>
    {
        public string? Visit<TS, TP, TD>(NeuronModel<TS, TP, TD> model)
            where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP> =>
            PtxCompileCheck.Problem(
                new Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<float>, ArrayView<float>, ulong, long, SpikeSink>(NeuronKernels.Step<TS, TP, TD>),
                new Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<long>>(NeuronKernels.Jump<TS, TP, TD>),
                new Action<Index1D, ArrayView<TS>, ArrayView<float>, ArrayView<float>, ArrayView<float>>(NeuronKernels.Begin<TS, TP, TD>),
                new Action<Index1D, ArrayView<TS>, ArrayView<int>, int, ArrayView<float>>(NeuronKernels.Gather<TS, TP, TD>));
    }

    private sealed class SynapseKernelCheck : ISynapseModelVisitor<string?>
    {
        public string? Visit<TS, TP, TD>(SynapseModel<TS, TP, TD> model)
            where TS : unmanaged where TP : unmanaged where TD : struct, IReceptorDynamics<TS, TP> =>
            PtxCompileCheck.Problem(
                new Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<long>>(ReceptorKernels.Receive<TS, TP, TD>),
                new Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<float>, ArrayView<float>>(ReceptorKernels.Drive<TS, TP, TD>));
    }
}
