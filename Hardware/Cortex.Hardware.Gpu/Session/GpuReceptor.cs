using System.Runtime.InteropServices;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Hardware.Gpu.Kernels;
using Cortex.Models;
using ILGPU;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Session;

/// <summary>One receptor port of a population on the device: its per-neuron state, driven by kernels specialised for its model.</summary>
internal abstract class GpuReceptor : IDisposable
{
    /// <summary>True for delta receptors, whose arrivals jump the membrane potential instead.</summary>
    public abstract bool JumpsVoltage { get; }

    /// <summary>Device bytes of the state.</summary>
    public abstract long Bytes { get; }

    /// <summary>Takes this step's arrival sums from <paramref name="slot"/> (clearing it).</summary>
    public abstract void Receive(ArrayView<long> slot);

    /// <summary>Adds the receptor's input at <paramref name="voltages"/> to <paramref name="current"/>, then advances.</summary>
    public abstract void Drive(ArrayView<float> voltages, ArrayView<float> current);

    /// <summary>Reads variable <paramref name="variable"/> of every neuron's receptor.</summary>
    public abstract void Read(int variable, Span<float> into);

    /// <summary>Writes variable <paramref name="variable"/> of every neuron's receptor.</summary>
    public abstract void Write(int variable, ReadOnlySpan<float> values);

    /// <summary>Writes the state for a snapshot.</summary>
    public abstract void Save(BinaryWriter writer);

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    public abstract void Load(BinaryReader reader);

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>Builds a population's receptor for its model's concrete types.</summary>
    public sealed class Factory(Accelerator accelerator, CompiledReceptor receptor, int size, double dt) : ISynapseModelVisitor<GpuReceptor>
    {
        /// <inheritdoc />
        public GpuReceptor Visit<TS, TP, TD>(SynapseModel<TS, TP, TD> model)
            where TS : unmanaged where TP : unmanaged where TD : struct, IReceptorDynamics<TS, TP> =>
            new Typed<TS, TP, TD>(accelerator, receptor, model, size, dt);
    }

    /// <summary>Device bytes one neuron's receptor state takes, for the memory estimate.</summary>
    public sealed class StateSize : ISynapseModelVisitor<int>
    {
        /// <inheritdoc />
        public int Visit<TS, TP, TD>(SynapseModel<TS, TP, TD> model)
            where TS : unmanaged where TP : unmanaged where TD : struct, IReceptorDynamics<TS, TP> => System.Runtime.CompilerServices.Unsafe.SizeOf<TS>();
    }

    private sealed class Typed<TS, TP, TD> : GpuReceptor
        where TS : unmanaged where TP : unmanaged where TD : struct, IReceptorDynamics<TS, TP>
    {
        private readonly int _size;
        private readonly MemoryBuffer1D<TS, Stride1D.Dense> _states;
        private readonly MemoryBuffer1D<TP, Stride1D.Dense> _parameters;
        private readonly Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<long>> _receive;
        private readonly Action<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<float>, ArrayView<float>> _drive;

        public Typed(Accelerator accelerator, CompiledReceptor receptor, SynapseModel<TS, TP, TD> model, int size, double dt)
        {
            _size = size;
            JumpsVoltage = model.JumpsVoltage;
            var states = new TS[size];
            Array.Fill(states, model.InitialState(receptor.Parameters));
            if (receptor.InitialState is { } initial)
                for (var v = 0; v < initial.Length; v++)
                    if (initial[v] is { } values)
                        for (var n = 0; n < size; n++) default(TD).Set(ref states[n], v, values[n]);
            _states = accelerator.Allocate1D(states.Length == 0 ? new TS[1] : states);
            _parameters = accelerator.Allocate1D([model.Prepare(receptor.Parameters, dt)]);
            _receive = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<long>>(ReceptorKernels.Receive<TS, TP, TD>);
            _drive = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TS>, ArrayView<TP>, ArrayView<float>, ArrayView<float>>(ReceptorKernels.Drive<TS, TP, TD>);
        }

        public override bool JumpsVoltage { get; }

        public override long Bytes => _states.LengthInBytes + _parameters.LengthInBytes;

        private ArrayView<TS> States => _states.View.SubView(0, _size);

        public override void Receive(ArrayView<long> slot) => _receive(_size, States, _parameters.View, slot);

        public override void Drive(ArrayView<float> voltages, ArrayView<float> current) => _drive(_size, States, _parameters.View, voltages, current);

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

        public override void Save(BinaryWriter writer) => writer.WriteArray<byte>(MemoryMarshal.AsBytes(DeviceCopy.ToArray(States).AsSpan()));

        public override void Load(BinaryReader reader)
        {
            var states = new TS[_size];
            reader.ReadArray(MemoryMarshal.AsBytes(states.AsSpan()));
            DeviceCopy.Upload<TS>(States, states);
        }

        public override void Dispose()
        {
            _states.Dispose();
            _parameters.Dispose();
        }
    }
}
