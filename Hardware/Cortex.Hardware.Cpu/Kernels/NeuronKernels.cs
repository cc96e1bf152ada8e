using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Models;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// Picks the fastest kernel for a population by visiting its model, without knowing any model: SIMD lanes when the
/// model's dynamics offer them (<see cref="INeuronLaneDynamics{TState, TParams, TLanes}"/>) and the population allows
/// them (shared parameters, only the summed current read), the model's own JIT-specialised scalar loop otherwise (<see cref="ScalarNeuronKernel{TState, TParams, TDynamics}"/>).
/// </summary>
internal static class NeuronKernels
{
    public static INeuronKernel Create(CompiledPopulation population, CompiledNetwork network) =>
        population.Model.Accept(new Factory(population, network));

    /// <summary>True when a population of this model can run in lanes: the lane step sees only the summed current and shared parameters.</summary>
    private static bool LanesApply(CompiledPopulation population) =>
        population.PerNeuronParameters.Count == 0 && !population.Model.UsesPortInputs && population.Model.Neuromodulators.Count == 0;

    private sealed class Factory(CompiledPopulation population, CompiledNetwork network) : INeuronModelVisitor<INeuronKernel>
    {
        public INeuronKernel Visit<TState, TParams, TDynamics>(NeuronModel<TState, TParams, TDynamics> model)
            where TState : unmanaged
            where TParams : unmanaged
            where TDynamics : struct, INeuronDynamics<TState, TParams>
        {
            if (LanesApply(population) && LaneTypeOf(typeof(TDynamics), typeof(TState), typeof(TParams)) is { } lanes)
            {
                // The lane interface's third type argument is known only at run time: close the kernel over it once per population.
                var kernelType = typeof(LaneNeuronKernel<,,,>).MakeGenericType(typeof(TState), typeof(TParams), typeof(TDynamics), lanes);
                var setup = PopulationFactory.Setup(population, network);
                var parameters = model.Prepare(setup.Parameters, setup.Dt, setup.Ports);
                var kernel = (INeuronKernel)Activator.CreateInstance(kernelType, parameters, population.Size, model.InitialState(setup.Parameters))!;
                for (var v = 0; v < population.InitialState.Length; v++)
                    for (var n = 0; n < population.Size; n++) kernel.Set(v, n, population.InitialState[v][n]);
                return kernel;
            }
            // The model's own group; the SDK's group class (what NeuronModel<…> creates unless a model overrides
            // CreateGroup) is driven with its concrete types, any other group through its interface.
            var group = PopulationFactory.CreateGroup(population, network);
            return group is NeuronGroup<TState, TParams, TDynamics> typed
                ? new ScalarNeuronKernel<TState, TParams, TDynamics>(typed)
                : new GenericNeuronKernel(group);
        }
    }

    // The TLanes of INeuronLaneDynamics<TState, TParams, TLanes> when the dynamics implement it, else null.
    private static Type? LaneTypeOf(Type dynamics, Type state, Type parameters) =>
        dynamics.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INeuronLaneDynamics<,,>))
            .Select(i => i.GetGenericArguments())
            .Where(a => a[0] == state && a[1] == parameters)
            .Select(a => a[2])
            .FirstOrDefault();
}
