using Cortex.Compilation;
using Cortex.Modules.Neurons;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>Picks the fastest kernel for a population: a SIMD kernel for built-in models that have one, the generic loop otherwise.</summary>
internal static class NeuronKernels
{
    public static INeuronKernel Create(CompiledPopulation population, double dt)
    {
        INeuronKernel kernel = population.Model is Lif lif
            ? new LifVectorKernel(lif.Prepare(population.Parameters, dt), population.Size)
            : new GenericNeuronKernel(population.Model.CreateGroup(population.Parameters, population.Size, dt));
        for (var v = 0; v < population.InitialState.Length; v++)
            for (var n = 0; n < population.Size; n++) kernel.Set(v, n, population.InitialState[v][n]);
        return kernel;
    }
}
