using System.Runtime.InteropServices;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Models;
using ILGPU;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>
/// One plastic projection on the device: weights and rule state in device buffers, the rule's hooks compiled into the
/// kernels of <see cref="PlasticKernels"/> for its concrete struct types. The CPU backend's queue of arrivals becomes a ring
/// of spike flags per source and step: at step t a source's run of delay d arrives when it spiked at t − d, which visits the
/// same synapses at the same step. Snapshots use the CPU backend's format (weights, the three state levels, last updates,
/// and each ring slot as the list of synapses it will deliver), so one taken on either backend loads on the other.
/// </summary>
internal sealed class GpuPlasticProjection<TSynapse, TPre, TPost, TParams, TRule> : IGpuPlasticProjection
    where TSynapse : unmanaged
    where TPre : unmanaged
    where TPost : unmanaged
    where TParams : unmanaged
    where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
{
    private readonly Accelerator _accelerator;
    // The prepared parameters as bytes (see PlasticKernels).
    private readonly ArrayView<byte> _parameters;
    private readonly PlasticitySchedule _schedule;
    private readonly int _count;
    private readonly int _sourceCount;
    private readonly int _targetCount;
    private readonly int _ringLength;
    private readonly float _dt;
    private readonly int[] _sources;
    private readonly ushort[] _delays;
    private readonly int[] _rowStart;
    private readonly (int[] RowRuns, int[] RunStart, int[] RunDelay) _runs;
    private readonly bool _advancePre;
    private readonly bool _advancePost;
    private readonly bool _visitIncoming;
    private readonly List<MemoryBuffer> _buffers = [];
    private readonly PlasticViews<TSynapse, TPre, TPost> _views;
    private readonly Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<long>, PlasticStep> _arrive;
    private readonly Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, PlasticStep> _postSpikes;
    private readonly Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, PlasticStep> _preSpikes;
    private readonly Action<Index1D, ArrayView<TPre>, ArrayView<byte>> _advancePreKernel;
    private readonly Action<Index1D, ArrayView<TPost>, ArrayView<byte>> _advancePostKernel;
    private readonly Action<Index1D, ArrayView<TPost>, ArrayView<byte>, ArrayView<float>>? _advancePostWithVoltage;
    private readonly Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, PlasticStep> _update;
    private readonly Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, PlasticStep, ArrayView<float>> _lazyWeights;
    private readonly int _targetPopulation;
    // The rule's neuromodulators (indices into the network's) and their levels at the target population this step.
    private readonly int[] _modulatorMap;
    private readonly float[] _levels = new float[RuleContext.InlineCapacity];
    private readonly GpuVoltageReader? _readPostVoltages;
    private readonly ArrayView<float> _postVoltages;
    private readonly ArrayView<float> _weightScratch;
    // The step the next call belongs to (−1 after a Load, until the session steps again), and a loaded queue not yet stepped.
    private long _nextStep;
    private int[][]? _loadedQueue;

    /// <summary>
    /// Uploads <paramref name="projection"/>'s table and <paramref name="rule"/>'s initial state to <paramref name="accelerator"/> and
    /// loads the specialised kernels; a rule that reads the postsynaptic voltage needs <paramref name="readPostVoltages"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule reads the postsynaptic voltage and no reader was given.</exception>
    public GpuPlasticProjection(Accelerator accelerator, PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> rule, CompiledProjection projection,
        CompiledNetwork network, GpuVoltageReader? readPostVoltages)
    {
        _accelerator = accelerator;
        var table = projection.Table;
        var parameters = rule.Prepare(projection.Plasticity!.Parameters, network.Dt);
        _schedule = rule.Schedule;
        _dt = (float)network.Dt;
        _count = table.Count;
        _sourceCount = table.Sources;
        _targetCount = network.Populations[projection.Target].Size;
        _ringLength = network.MaxDelaySteps + 1;
        _targetPopulation = projection.Target;
        // Refused before the run when longer than the context's inline capacity (GpuPlasticProjections.Problem).
        _modulatorMap = [.. rule.Neuromodulators.Select(name => network.Neuromodulators.First(m => m.Name == name).Index)];
        _rowStart = table.RowStart;
        _delays = table.DelaySteps;
        _sources = new int[_count];
        for (var s = 0; s < _sourceCount; s++)
            for (var k = table.RowStart[s]; k < table.RowStart[s + 1]; k++) _sources[k] = s;
        _runs = table.DelayRuns();
        var (incomingStart, incoming) = Transpose(table.Targets, _targetCount);

        _views = new PlasticViews<TSynapse, TPre, TPost>
        {
            Synapses = Upload(Filled(_count, rule.InitialSynapse(in parameters))),
            Weights = Upload(table.Weights),
            Pre = Upload(Filled(_sourceCount, rule.InitialPre(in parameters))),
            Post = Upload(Filled(_targetCount, rule.InitialPost(in parameters))),
            LastUpdate = Upload(new long[IsLazy ? _count : 0]),
            Targets = Upload(table.Targets),
            Sources = Upload(_sources),
            RowRuns = Upload(_runs.RowRuns),
            RunStart = Upload(_runs.RunStart),
            RunDelay = Upload(_runs.RunDelay),
            RowStart = Upload(table.RowStart),
            IncomingStart = Upload(incomingStart),
            Incoming = Upload(incoming),
            History = Upload(new byte[_ringLength * _sourceCount]),
        };
        _parameters = UploadAsBytes(parameters);
        _weightScratch = IsLazy ? Upload(new float[_count]) : default;

        _advancePre = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.AdvancesPre;
        _advancePost = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.AdvancesPost;
        _visitIncoming = RuleHooks<TSynapse, TPre, TPost, TParams, TRule>.VisitIncoming(_schedule);
        _arrive = accelerator.LoadAutoGroupedStreamKernel<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<long>, PlasticStep>(
            PlasticKernels.Arrive<TSynapse, TPre, TPost, TParams, TRule>);
        _postSpikes = accelerator.LoadAutoGroupedStreamKernel<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, PlasticStep>(
            PlasticKernels.PostSpikes<TSynapse, TPre, TPost, TParams, TRule>);
        _preSpikes = accelerator.LoadAutoGroupedStreamKernel<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, PlasticStep>(
            PlasticKernels.PreSpikes<TSynapse, TPre, TPost, TParams, TRule>);
        _advancePreKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TPre>, ArrayView<byte>>(PlasticKernels.AdvancePre<TSynapse, TPre, TPost, TParams, TRule>);
        _advancePostKernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TPost>, ArrayView<byte>>(PlasticKernels.AdvancePost<TSynapse, TPre, TPost, TParams, TRule>);
        _update = accelerator.LoadAutoGroupedStreamKernel<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, PlasticStep>(
            PlasticKernels.Update<TSynapse, TPre, TPost, TParams, TRule>);
        _lazyWeights = accelerator.LoadAutoGroupedStreamKernel<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, PlasticStep, ArrayView<float>>(
            PlasticKernels.LazyWeights<TSynapse, TPre, TPost, TParams, TRule>);
        if (VoltageKernel() is { } withVoltage)
        {
            _readPostVoltages = readPostVoltages ?? throw new InvalidOperationException(
                $"plasticity rule '{rule.Name}' of projection '{projection.Name}' reads the postsynaptic membrane potential, and this backend does not provide it");
            _advancePostWithVoltage = accelerator.LoadAutoGroupedStreamKernel(withVoltage);
            _postVoltages = Upload(new float[_targetCount]);
        }
    }

    private bool IsLazy => _schedule == PlasticitySchedule.Lazy;

    /// <summary>
    /// The kernels this rule's projections run, specialised but not loaded: what the backend compiles to PTX to decide, before a
    /// run and without a device, whether a GPU could run the rule.
    /// </summary>
    public static Delegate[] Kernels()
    {
        Delegate[] kernels =
        [
            new Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<long>, PlasticStep>(PlasticKernels.Arrive<TSynapse, TPre, TPost, TParams, TRule>),
            new Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, PlasticStep>(PlasticKernels.PostSpikes<TSynapse, TPre, TPost, TParams, TRule>),
            new Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, PlasticStep>(PlasticKernels.PreSpikes<TSynapse, TPre, TPost, TParams, TRule>),
            new Action<Index1D, ArrayView<TPre>, ArrayView<byte>>(PlasticKernels.AdvancePre<TSynapse, TPre, TPost, TParams, TRule>),
            new Action<Index1D, ArrayView<TPost>, ArrayView<byte>>(PlasticKernels.AdvancePost<TSynapse, TPre, TPost, TParams, TRule>),
            new Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, PlasticStep>(PlasticKernels.Update<TSynapse, TPre, TPost, TParams, TRule>),
            new Action<Index1D, PlasticViews<TSynapse, TPre, TPost>, ArrayView<byte>, PlasticStep, ArrayView<float>>(PlasticKernels.LazyWeights<TSynapse, TPre, TPost, TParams, TRule>),
        ];
        return VoltageKernel() is { } withVoltage ? [.. kernels, withVoltage] : kernels;
    }

    /// <inheritdoc />
    /// <remarks>The levels go to the kernels as arguments (see <see cref="PlasticStep"/>).</remarks>
    public void BeginStep(NeuromodulatorLevels levels)
    {
        if (_modulatorMap.Length > 0) levels.Gather(_targetPopulation, _modulatorMap, _levels);
    }

    /// <inheritdoc />
    public void Arrive(long step, ArrayView<long> slot)
    {
        _nextStep = step;
        _loadedQueue = null;
        var at = At(step);
        if (_sourceCount > 0) _arrive(_sourceCount, _views, _parameters, slot, at);
        // The history slot of this step held spikes of step − ring length, whose every delay has passed: make room for this step's.
        if (_sourceCount > 0) _views.History.SubView((step % _ringLength) * _sourceCount, _sourceCount).MemSetToZero();
    }

    /// <inheritdoc />
    public void OnPostSpikes(long step, ArrayView<int> spikes, ArrayView<int> count)
    {
        if (_targetCount > 0) _postSpikes(_targetCount, _views, _parameters, spikes, count, At(step));
    }

    /// <inheritdoc />
    public void OnPreSpikes(long step, ArrayView<int> spikes, ArrayView<int> count)
    {
        if (_sourceCount > 0) _preSpikes(_sourceCount, _views, _parameters, spikes, count, At(step));
    }

    /// <inheritdoc />
    public void EndStep(long step)
    {
        if (_advancePre && _sourceCount > 0) _advancePreKernel(_sourceCount, _views.Pre, _parameters);
        if (_advancePostWithVoltage is not null)
        {
            _readPostVoltages!(_postVoltages);
            if (_targetCount > 0) _advancePostWithVoltage(_targetCount, _views.Post, _parameters, _postVoltages);
        }
        else if (_advancePost && _targetCount > 0) _advancePostKernel(_targetCount, _views.Post, _parameters);
        if (_schedule == PlasticitySchedule.EveryStep && _count > 0) _update(_count, _views, _parameters, At(step));
        _nextStep = step + 1;
    }

    /// <inheritdoc />
    public float[] GetWeights(long step)
    {
        var weights = new float[_count];
        if (_count == 0) return weights;
        if (IsLazy)
        {
            _lazyWeights(_count, _views, _parameters, At(step), _weightScratch);
            _weightScratch.SubView(0, _count).CopyToCPU(weights);
        }
        else _views.Weights.SubView(0, _count).CopyToCPU(weights);
        return weights;
    }

    /// <inheritdoc />
    public void SetWeights(ReadOnlySpan<float> weights)
    {
        if (weights.Length != _count) throw new ArgumentException($"expected {_count} weights, got {weights.Length}", nameof(weights));
        if (_count > 0) _views.Weights.SubView(0, _count).CopyFromCPU(weights.ToArray());
    }

    /// <inheritdoc />
    public void Save(BinaryWriter writer)
    {
        writer.WriteArray<float>(Download(_views.Weights, _count));
        writer.WriteArray<TSynapse>(Download(_views.Synapses, _count));
        writer.WriteArray<TPre>(Download(_views.Pre, _sourceCount));
        writer.WriteArray<TPost>(Download(_views.Post, _targetCount));
        writer.WriteArray<long>(Download(_views.LastUpdate, IsLazy ? _count : 0));
        writer.Write(_ringLength);
        var queue = _loadedQueue ?? PendingArrivals();
        foreach (var slot in queue) writer.WriteArray<int>(slot);
    }

    /// <inheritdoc />
    public void Load(BinaryReader reader)
    {
        _views.Weights.SubView(0, _count).CopyFromCPU(Read<float>(reader, _count, "weights"));
        _views.Synapses.SubView(0, _count).CopyFromCPU(Read<TSynapse>(reader, _count, "synapse states"));
        _views.Pre.SubView(0, _sourceCount).CopyFromCPU(Read<TPre>(reader, _sourceCount, "presynaptic states"));
        _views.Post.SubView(0, _targetCount).CopyFromCPU(Read<TPost>(reader, _targetCount, "postsynaptic states"));
        var lastUpdate = Read<long>(reader, IsLazy ? _count : 0, "last updates");
        if (IsLazy) _views.LastUpdate.SubView(0, _count).CopyFromCPU(lastUpdate);
        if (reader.ReadInt32() != _ringLength) throw new InvalidDataException("snapshot does not fit this session: delay ring lengths differ");
        var queue = new int[_ringLength][];
        var history = new byte[_ringLength * _sourceCount];
        for (var ring = 0; ring < _ringLength; ring++)
        {
            queue[ring] = reader.ReadArray<int>();
            foreach (var s in queue[ring])
            {
                if ((uint)s >= (uint)_count) throw new InvalidDataException($"snapshot does not fit this session: synapse {s} in a delay queue");
                // Arriving at a step ≡ ring (mod L) after delay d: emitted at a step ≡ ring − d.
                var emitted = ((ring - _delays[s]) % _ringLength + _ringLength) % _ringLength;
                history[emitted * _sourceCount + _sources[s]] = 1;
            }
        }
        if (history.Length > 0) _views.History.SubView(0, history.Length).CopyFromCPU(history);
        _loadedQueue = queue;
        _nextStep = -1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var buffer in _buffers) buffer.Dispose();
        _buffers.Clear();
    }

    private PlasticStep At(long step) => new()
    {
        Step = step,
        Dt = _dt,
        RingLength = _ringLength,
        Sources = _sourceCount,
        Lazy = IsLazy ? 1 : 0,
        VisitIncoming = _visitIncoming ? 1 : 0,
        LevelCount = _modulatorMap.Length,
        Level0 = _levels[0],
        Level1 = _levels[1],
        Level2 = _levels[2],
        Level3 = _levels[3],
    };

    // Each ring slot as the synapses it will deliver, in the CPU queue's order: by emission step, then source, then table order.
    private int[][] PendingArrivals()
    {
        var history = Download(_views.History, _ringLength * _sourceCount);
        var next = _nextStep;
        var queue = new List<int>[_ringLength];
        for (var ring = 0; ring < _ringLength; ring++) queue[ring] = [];
        for (var emitted = Math.Max(0, next - _ringLength + 1); emitted < next; emitted++)
        {
            var flags = (int)(emitted % _ringLength) * _sourceCount;
            for (var source = 0; source < _sourceCount; source++)
            {
                if (history[flags + source] == 0) continue;
                for (var r = _runs.RowRuns[source]; r < _runs.RowRuns[source + 1]; r++)
                {
                    var arrival = emitted + _runs.RunDelay[r];
                    if (arrival < next) continue;
                    var end = r + 1 < _runs.RowRuns[source + 1] ? _runs.RunStart[r + 1] : _rowStart[source + 1];
                    var slot = queue[(int)(arrival % _ringLength)];
                    for (var s = _runs.RunStart[r]; s < end; s++) slot.Add(s);
                }
            }
        }
        return [.. queue.Select(slot => slot.ToArray())];
    }

    private ArrayView<T> Upload<T>(T[] values) where T : unmanaged
    {
        // One element at least: ILGPU views of empty buffers are not usable as kernel arguments on every accelerator.
        var buffer = _accelerator.Allocate1D<T>(Math.Max(1, values.Length));
        _buffers.Add(buffer);
        if (values.Length > 0) buffer.View.SubView(0, values.Length).CopyFromCPU(values);
        else buffer.MemSetToZero();
        return buffer.View;
    }

    // Parameter structs may hold bools, which ILGPU will not copy or pass as such ("not blittable"): their bytes go up, and
    // the kernels read the struct back from them.
    private ArrayView<byte> UploadAsBytes(TParams parameters) => Upload(MemoryMarshal.AsBytes(new ReadOnlySpan<TParams>(in parameters)).ToArray());

    private static T[] Download<T>(ArrayView<T> view, int length) where T : unmanaged
    {
        var values = new T[length];
        if (length > 0) view.SubView(0, length).CopyToCPU(values);
        return values;
    }

    private static T[] Read<T>(BinaryReader reader, int length, string what) where T : unmanaged
    {
        var values = reader.ReadArray<T>();
        if (values.Length != length) throw new InvalidDataException($"snapshot does not fit this session: {values.Length} {what}, expected {length}");
        return values;
    }

    private static T[] Filled<T>(int length, T value)
    {
        var values = new T[length];
        Array.Fill(values, value);
        return values;
    }

    // The voltage-reading end-of-step kernel, made for the concrete rule by reflection (the class's TRule is not constrained to
    // IVoltageReadingRule), or null when the rule does not read the voltage.
    private static Action<Index1D, ArrayView<TPost>, ArrayView<byte>, ArrayView<float>>? VoltageKernel()
    {
        if (default(TRule) is not IVoltageReadingRule<TPost, TParams>) return null;
        var method = typeof(PlasticKernels).GetMethod(nameof(PlasticKernels.AdvancePostWithVoltage))!.MakeGenericMethod(typeof(TPost), typeof(TParams), typeof(TRule));
        return method.CreateDelegate<Action<Index1D, ArrayView<TPost>, ArrayView<byte>, ArrayView<float>>>();
    }

    // The synapses onto each target, in table order: start offsets (targets + 1) and synapse indices.
    private static (int[] Start, int[] Synapses) Transpose(int[] targets, int targetCount)
    {
        var start = new int[targetCount + 1];
        foreach (var t in targets) start[t + 1]++;
        for (var t = 0; t < targetCount; t++) start[t + 1] += start[t];
        var synapses = new int[targets.Length];
        var fill = (int[])start.Clone();
        for (var s = 0; s < targets.Length; s++) synapses[fill[targets[s]]++] = s;
        return (start, synapses);
    }
}
