using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Hardware.Gpu.Kernels;
using Cortex.Models;
using ILGPU;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Session;

/// <summary>
/// One population on the device: neuron states and prepared parameters (shared, or per neuron when the spec varies them), its
/// receptors, the step's current and external current, and its spike lists; the kernels are specialised for its model's types.
/// </summary>
internal abstract class GpuPopulation : IDisposable
{
    protected GpuPopulation(Accelerator accelerator, CompiledPopulation population, CompiledNetwork network, SpikeCounters counters, int recordCapacity)
    {
        Index = population.Index;
        Name = population.Name;
        Size = population.Size;
        var length = Math.Max(1, Size);
        Voltages = accelerator.Allocate1D<float>(length);
        Current = accelerator.Allocate1D<float>(length);
        External = accelerator.Allocate1D<float>(length);
        Flags = accelerator.Allocate1D<int>(length);
        StepList = accelerator.Allocate1D<int>(length);
        Record = accelerator.Allocate1D<int>(Math.Max(1, recordCapacity));
        // Device memory comes uninitialised; the external current is read every step even when nothing sets it.
        External.MemSetToZero();
        Flags.MemSetToZero();
        Receptors = [.. population.Receptors.Select(r => r.Model.Accept(new GpuReceptor.Factory(accelerator, r, length, network.Dt)))];
        Sink = new SpikeSink
        {
            Flags = Flags.View,
            StepList = StepList.View,
            StepCount = counters.StepCounts.View.SubView(Index, 1),
            Record = Record.View,
            RecordCount = counters.RecordCounts.View.SubView(Index, 1),
            FirstNonFinite = counters.FirstNonFinite.View.SubView(Index, 1),
        };
    }

    public int Index { get; }

    public string Name { get; }

    public int Size { get; }

    public GpuReceptor[] Receptors { get; }

    public SpikeSink Sink { get; }

    /// <summary>The external current (DC + injected) of each neuron, uploaded when it changes.</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> External { get; }

    /// <summary>This step's spikes, compacted (count in the session's step counters).</summary>
    public ArrayView<int> StepSpikes => StepList.View;

    /// <summary>The chunk's recorded spikes, step after step.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Record { get; }

    protected MemoryBuffer1D<float, Stride1D.Dense> Voltages { get; }

    protected MemoryBuffer1D<float, Stride1D.Dense> Current { get; }

    protected MemoryBuffer1D<int, Stride1D.Dense> Flags { get; }

    protected MemoryBuffer1D<int, Stride1D.Dense> StepList { get; }

    /// <summary>Device bytes of states, parameters, working buffers and receptors.</summary>
    public abstract long Bytes { get; }

    /// <summary>
    /// One step of the population's neurons: receptors take the step's arrivals (delta receptors jump the membrane potential),
    /// each receptor's input at the starting voltage is added to the external current, and every neuron advances.
    /// <paramref name="slot"/> gives receptor r's ring slot for this step.
    /// </summary>
    public void Update(long step, Func<int, ArrayView<long>> slot)
    {
        if (Size == 0) return;
        for (var r = 0; r < Receptors.Length; r++)
        {
            if (Receptors[r].JumpsVoltage) Jump(slot(r));
            else Receptors[r].Receive(slot(r));
        }
        Begin();
        foreach (var receptor in Receptors)
            if (!receptor.JumpsVoltage) receptor.Drive(Voltages.View.SubView(0, Size), Current.View.SubView(0, Size));
        Step(step);
    }

    protected abstract void Jump(ArrayView<long> slot);

    protected abstract void Begin();

    protected abstract void Step(long step);

    /// <summary>Every neuron's membrane potential into <paramref name="into"/> (device).</summary>
    public abstract void ReadVoltages(ArrayView<float> into);

    /// <summary>Variable <paramref name="variable"/> of the neurons listed in <paramref name="neurons"/> into <paramref name="into"/> (device).</summary>
    public abstract void Gather(ArrayView<int> neurons, int variable, ArrayView<float> into);

    /// <summary>The membrane potential of one neuron (host; for error messages).</summary>
    public abstract float Voltage(int neuron);

    /// <summary>Reads a neuron state variable of every neuron.</summary>
    public abstract void Read(int variable, Span<float> into);

    /// <summary>Writes a neuron state variable of every neuron.</summary>
    public abstract void Write(int variable, ReadOnlySpan<float> values);

    /// <summary>Writes neuron and receptor states for a snapshot.</summary>
    public abstract void Save(BinaryWriter writer);

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    public abstract void Load(BinaryReader reader);

    protected long WorkingBytes => Voltages.LengthInBytes + Current.LengthInBytes + External.LengthInBytes + Flags.LengthInBytes + StepList.LengthInBytes
        + Record.LengthInBytes + Receptors.Sum(r => r.Bytes);

    public virtual void Dispose()
    {
        foreach (var receptor in Receptors) receptor.Dispose();
        Voltages.Dispose();
        Current.Dispose();
        External.Dispose();
        Flags.Dispose();
        StepList.Dispose();
        Record.Dispose();
    }

    /// <summary>Builds a population for its model's concrete types.</summary>
    public sealed class Factory(Accelerator accelerator, CompiledPopulation population, CompiledNetwork network, SpikeCounters counters, int recordCapacity)
        : INeuronModelVisitor<GpuPopulation>
    {
        /// <inheritdoc />
        public GpuPopulation Visit<TS, TP, TD>(NeuronModel<TS, TP, TD> model)
            where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP> =>
            new Typed<TS, TP, TD>(accelerator, population, network, counters, recordCapacity, model);
    }

    /// <summary>Device bytes per neuron of state and (when per neuron) parameters, for the memory estimate.</summary>
    public sealed class NeuronBytes(bool perNeuronParameters) : INeuronModelVisitor<int>
    {
        /// <inheritdoc />
        public int Visit<TS, TP, TD>(NeuronModel<TS, TP, TD> model)
            where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP> =>
            Unsafe.SizeOf<TS>() + (perNeuronParameters ? Unsafe.SizeOf<TP>() : 0);
    }

    private sealed class Typed<TS, TP, TD> : GpuPopulation
        where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP>
    {
        private readonly ulong _randomKey;
        private readonly MemoryBuffer1D<TS, Stride1D.Dense> _states;
        private readonly MemoryBuffer1D<TP, Stride1D.Dense> _parameters;
        private readonly Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<long>> _jump;
        private readonly Action<Index1D, ArrayView<TS>, ArrayView<float>, ArrayView<float>, ArrayView<float>> _begin;
        private readonly Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<float>, ArrayView<float>, ulong, long, SpikeSink> _step;
        private readonly Action<Index1D, ArrayView<TS>, ArrayView<float>> _voltages;
        private readonly Action<Index1D, ArrayView<TS>, ArrayView<int>, int, ArrayView<float>> _gather;

        public Typed(Accelerator accelerator, CompiledPopulation population, CompiledNetwork network, SpikeCounters counters, int recordCapacity,
            NeuronModel<TS, TP, TD> model)
            : base(accelerator, population, network, counters, recordCapacity)
        {
            var setup = PopulationFactory.Setup(population, network);
            _randomKey = setup.RandomKey;
            var states = new TS[Math.Max(1, Size)];
            TP[] parameters;
            if (setup.PerNeuron.Count == 0)
            {
                parameters = [model.Prepare(setup.Parameters, setup.Dt, setup.Ports)];
                Array.Fill(states, model.InitialState(setup.Parameters));
            }
            else
            {
                parameters = new TP[Math.Max(1, Size)];
                for (var n = 0; n < Size; n++)
                {
                    var values = setup.ValuesOf(n);
                    parameters[n] = model.Prepare(values, setup.Dt, setup.Ports);
                    states[n] = model.InitialState(values);
                }
            }
            for (var v = 0; v < population.InitialState.Length; v++)
                for (var n = 0; n < Size; n++) default(TD).Set(ref states[n], v, population.InitialState[v][n]);
            _states = accelerator.Allocate1D(states);
            _parameters = accelerator.Allocate1D(parameters);
            _jump = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<long>>(NeuronKernels.Jump<TS, TP, TD>);
            _begin = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TS>, ArrayView<float>, ArrayView<float>, ArrayView<float>>(NeuronKernels.Begin<TS, TP, TD>);
            _step = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<float>, ArrayView<float>, ulong, long, SpikeSink>(NeuronKernels.Step<TS, TP, TD>);
            _voltages = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TS>, ArrayView<float>>(NeuronKernels.Voltages<TS, TP, TD>);
            _gather = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TS>, ArrayView<int>, int, ArrayView<float>>(NeuronKernels.Gather<TS, TP, TD>);
        }

        public override long Bytes => _states.LengthInBytes + _parameters.LengthInBytes + WorkingBytes;

        private ArrayView<TS> States => _states.View.SubView(0, Size);

        protected override void Jump(ArrayView<long> slot) => _jump(Size, States, _parameters.View, slot);

        protected override void Begin() => _begin(Size, States, Voltages.View, External.View, Current.View);

        protected override void Step(long step) => _step(Size, States, _parameters.View, Current.View, External.View, _randomKey, step, Sink);

        public override void ReadVoltages(ArrayView<float> into)
        {
            if (Size > 0) _voltages(Size, States, into);
        }

        public override void Gather(ArrayView<int> neurons, int variable, ArrayView<float> into)
        {
            if (neurons.Length > 0) _gather((int)neurons.Length, States, neurons, variable, into);
        }

        public override float Voltage(int neuron)
        {
            var state = new TS[1];
            DeviceCopy.Download(States.SubView(neuron, 1), state);
            return default(TD).Voltage(in state[0]);
        }

        public override void Read(int variable, Span<float> into)
        {
            var states = DeviceCopy.ToArray(States);
            for (var n = 0; n < into.Length; n++) into[n] = default(TD).Get(in states[n], variable);
        }

        public override void Write(int variable, ReadOnlySpan<float> values)
        {
            var states = DeviceCopy.ToArray(States);
            for (var n = 0; n < values.Length; n++) default(TD).Set(ref states[n], variable, values[n]);
            DeviceCopy.Upload<TS>(States, states);
        }

        public override void Save(BinaryWriter writer)
        {
            writer.WriteArray<byte>(MemoryMarshal.AsBytes(DeviceCopy.ToArray(States).AsSpan()));
            foreach (var receptor in Receptors) receptor.Save(writer);
        }

        public override void Load(BinaryReader reader)
        {
            var states = new TS[Size];
            reader.ReadArray(MemoryMarshal.AsBytes(states.AsSpan()));
            DeviceCopy.Upload<TS>(States, states);
            foreach (var receptor in Receptors) receptor.Load(reader);
        }

        public override void Dispose()
        {
            base.Dispose();
            _states.Dispose();
            _parameters.Dispose();
        }
    }
}
