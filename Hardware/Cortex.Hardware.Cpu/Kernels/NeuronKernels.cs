using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Modules.Neurons;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// Picks the fastest kernel for a population: the SIMD LIF kernel when the population is LIF with shared
/// parameters, the model's own JIT-specialised loop otherwise (per-neuron parameters, plugins).
/// </summary>
internal static class NeuronKernels
{
    public static INeuronKernel Create(CompiledPopulation population, CompiledNetwork network)
    {
        if (population.Model is Lif lif && population.PerNeuronParameters.Count == 0)
        {
            var kernel = new LifVectorKernel(lif.Prepare(population.Parameters, network.Dt), population.Size);
            for (var v = 0; v < population.InitialState.Length; v++)
                for (var n = 0; n < population.Size; n++) kernel.Set(v, n, population.InitialState[v][n]);
            return kernel;
        }
        return new GenericNeuronKernel(PopulationFactory.CreateGroup(population, network));
    }
}
