using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Recording;
using System.Diagnostics;

namespace Cortex.Simulation;

/// <summary>
/// A network running on a backend that a caller drives step by step: the one stepping path behind batch runs
/// (<see cref="SimulationRunner"/>) and closed-loop tasks. Between calls to <see cref="Step"/> the caller reads the
/// last step's spikes, injects current, spikes and receptor input, sets neuromodulators, reads and writes state and
/// weights, and takes or restores snapshots; everything addresses populations, variables and projections by name.
/// Recording keeps working throughout; dispose (or <see cref="Complete"/>) to close the sinks.
/// </summary>
public sealed class ClosedLoopSession : IDisposable
{
    private readonly ISimulationSession _session;
    private readonly Recorder _recorder;
    private readonly string _backend;
    private readonly int _handOverSteps;
    // Whole-network sizes (over all ranks of a distributed run), kept because Layout is built on every read.
    private readonly int[] _populationSizes;
    private int _stepsSinceHandOver;
    private long _lastHandOver = Stopwatch.GetTimestamp();
    private bool _handedOver;
    private bool _completed;

    /// <summary>Rows that make a hand-over due whatever the time since the last one (the Parquet sinks' chunk).</summary>
    internal const int HandOverRows = 4096;

    /// <summary>Wall time after which a hand-over is due with fewer rows, so sinks and live views stay current (20 ms; tests change it).</summary>
    internal TimeSpan HandOverInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    private ClosedLoopSession(CompiledNetwork network, IBackend backend, ISimulationSession session, Recorder recorder)
    {
        Network = network;
        _backend = backend.Name;
        _session = session;
        _recorder = recorder;
        _handOverSteps = SimulationRunner.ChunkSteps(network);
        _populationSizes = [.. network.Layout.PopulationSizes];
    }

    /// <summary>Opens <paramref name="network"/> on <paramref name="backend"/>, recording into <paramref name="sinks"/> (none by default).</summary>
    /// <exception cref="UnsupportedComponentException">The backend cannot run some component of the network.</exception>
    public static ClosedLoopSession Open(CompiledNetwork network, IBackend backend, BackendOptions? options = null, IReadOnlyList<IRecordingSink>? sinks = null)
    {
        var unsupported = backend.Unsupported(network);
        if (unsupported.Count > 0) throw new UnsupportedComponentException(backend.Name, unsupported);
        // The recorder opens its sinks on its own thread while the backend builds its state, and warms up their encoders
        // when something will be recorded.
        var records = network.StateProbes.Count > 0 || network.SpikeRecordMasks.Any(mask => mask is not null);
        var recorder = new Recorder(network.Layout, sinks ?? [], warmUpSinks: records);
        try
        {
            var session = new ClosedLoopSession(network, backend, backend.Open(network, options ?? new BackendOptions()), recorder);
            recorder.WaitUntilOpen();
            return session;
        }
        catch
        {
            recorder.Dispose();
            throw;
        }
    }

    /// <summary>The network being run.</summary>
    public CompiledNetwork Network { get; }

    /// <summary>Steps computed so far (the next step's index).</summary>
    public long CurrentStep => _session.CurrentStep;

    /// <summary>Biological time reached (ms).</summary>
    public double TimeMs => _session.CurrentStep * Network.Dt;

    /// <summary>All spikes so far per population.</summary>
    public IReadOnlyList<long> SpikeCounts => _session.SpikeCounts;

    /// <summary>The recorder (spike and sample counts, failure state).</summary>
    public Recorder Recorder => _recorder;

    /// <summary>Advances <paramref name="steps"/> steps (there is no end); recordings are handed to the sinks after the first ~100 steps, then by rows or wall time.</summary>
    /// <exception cref="SimulationException">The state became invalid; what was recorded is kept.</exception>
    public void Step(int steps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ObjectDisposedException.ThrowIf(_completed, this);
        _session.Advance(steps, _recorder);
        _stepsSinceHandOver += steps;
        // Each hand-over wakes the consumer thread: a small network's 100 steps take well under a millisecond, so hand
        // over by rows or by wall time, not at every chunk of steps. The first chunk goes at once whatever its rows, so
        // a run whose model then hangs, or that dies of a plugin's runaway allocation, keeps at least its start.
        if (_stepsSinceHandOver >= _handOverSteps
            && (!_handedOver || _recorder.PendingRows >= HandOverRows || Stopwatch.GetElapsedTime(_lastHandOver) >= HandOverInterval))
        {
            _recorder.EndEpoch();
            _handedOver = true;
            _stepsSinceHandOver = 0;
            _lastHandOver = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Index of population <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No population has that name (the message lists them).</exception>
    public int Population(string name)
    {
        for (var p = 0; p < Network.Populations.Count; p++)
            if (Network.Populations[p].Name == name) return p;
        throw new KeyNotFoundException($"no population named '{name}' (populations: {string.Join(", ", Network.Populations.Select(p => p.Name))})");
    }

    /// <summary>Index of a projection by its name (as listed in the compiled network) or by its position in the spec ("3").</summary>
    public int Projection(string name)
    {
        for (var p = 0; p < Network.Projections.Count; p++)
            if (Network.Projections[p].Name == name) return p;
        if (int.TryParse(name, out var index) && index >= 0 && index < Network.Projections.Count) return index;
        throw new KeyNotFoundException($"no projection named '{name}' (projections: {string.Join(", ", Network.Projections.Select(p => p.Name))})");
    }

    /// <summary>The neurons of <paramref name="population"/> that spiked in the last step, ascending.</summary>
    public ReadOnlySpan<int> Spikes(string population) => _session.LastSpikes(Population(population));

    /// <summary>The neurons of population number <paramref name="population"/> that spiked in the last step.</summary>
    public ReadOnlySpan<int> Spikes(int population) => _session.LastSpikes(population);

    /// <summary>
    /// The injected current (nA) of every neuron of <paramref name="population"/>, writable: it adds to the input from the
    /// next step on and holds until changed.
    /// </summary>
    public Span<float> InjectedCurrent(string population) => _session.Injected.Currents(Population(population));

    /// <summary>Sets the injected current (nA) of one neuron.</summary>
    public void SetCurrent(string population, int neuron, double nanoamperes) =>
        InjectedCurrent(population)[CheckNeuron(population, neuron)] = (float)nanoamperes;

    /// <summary>Makes <paramref name="neurons"/> of <paramref name="population"/> spike at the next step (recorded and delivered like their own spikes).</summary>
    public void InjectSpikes(string population, ReadOnlySpan<int> neurons) => _session.Injected.ForceSpikes(Population(population), neurons);

    /// <summary>Adds <paramref name="weight"/> (the port's weight unit) to receptor <paramref name="port"/> of a neuron, arriving at the next step.</summary>
    public void InjectInput(string population, string port, int neuron, double weight)
    {
        var p = Population(population);
        _session.InjectInput(p, Receptor(p, port), CheckNeuron(population, neuron), (float)weight);
    }

    /// <summary>Sets neuromodulator <paramref name="name"/> to <paramref name="level"/> at one population, or at all when null.</summary>
    public void SetNeuromodulator(string name, double level, string? population = null) =>
        _session.Neuromodulators.Set(Modulator(name), (float)level, population is null ? null : Population(population));

    /// <summary>Adds a pulse to neuromodulator <paramref name="name"/> (e.g. a reward) at one population or all.</summary>
    public void AddNeuromodulator(string name, double amount, string? population = null) =>
        _session.Neuromodulators.Add(Modulator(name), (float)amount, population is null ? null : Population(population));

    /// <summary>The level of neuromodulator <paramref name="name"/> at <paramref name="population"/>.</summary>
    public float GetNeuromodulator(string name, string population) => _session.Neuromodulators.Get(Modulator(name), Population(population));

    /// <summary>A state variable of every neuron: a neuron variable ("v") or a receptor's ("exc.g"), in internal units.</summary>
    public float[] GetState(string population, string variable)
    {
        var p = Population(population);
        var (receptor, index) = Variable(p, variable);
        var values = new float[PopulationSize(p)];
        _session.ReadState(p, receptor, index, values);
        return values;
    }

    /// <summary>Writes a state variable of every neuron (internal units).</summary>
    public void SetState(string population, string variable, ReadOnlySpan<float> values)
    {
        var p = Population(population);
        if (values.Length != PopulationSize(p))
            throw new ArgumentException($"population '{population}' has {PopulationSize(p)} neurons, got {values.Length} values", nameof(values));
        var (receptor, index) = Variable(p, variable);
        _session.WriteState(p, receptor, index, values);
    }

    /// <summary>The current weights of a projection, in synapse-table order (see <see cref="CompiledProjection.Table"/>).</summary>
    public float[] GetWeights(string projection) => _session.GetWeights(Projection(projection)).ToArray();

    /// <summary>Overwrites the weights of a projection (synapse-table order).</summary>
    public void SetWeights(string projection, ReadOnlySpan<float> weights)
    {
        var p = Projection(projection);
        var count = SynapseCount(p);
        if (weights.Length != count) throw new ArgumentException($"projection '{projection}' has {count} synapses, got {weights.Length} weights", nameof(weights));
        foreach (var w in weights)
            if (!float.IsFinite(w)) throw new ArgumentException($"projection '{projection}': weights must be finite, got {w}", nameof(weights));
        _session.SetWeights(p, weights);
    }

    /// <summary>Captures the whole session.</summary>
    public SessionSnapshot Snapshot()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) _session.Save(writer);
        return new SessionSnapshot(CurrentStep, Fingerprint(), buffer.ToArray());
    }

    /// <summary>Puts the session back into the state of <paramref name="snapshot"/> (taken from a session of the same network and backend).</summary>
    /// <exception cref="ArgumentException">The snapshot belongs to another network or backend.</exception>
    public void Restore(SessionSnapshot snapshot)
    {
        if (snapshot.Fingerprint != Fingerprint())
            throw new ArgumentException($"the snapshot was taken from another network or backend ({snapshot.Fingerprint}; this session is {Fingerprint()})", nameof(snapshot));
        using var reader = new BinaryReader(new MemoryStream(snapshot.Data));
        _session.Load(reader);
    }

    /// <summary>Hands the last recordings to the sinks and closes them; the session can no longer step.</summary>
    /// <exception cref="RecordingException">A sink failed.</exception>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        _recorder.Complete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_completed && !_recorder.HasFailed) Complete();
        }
        catch (RecordingException)
        {
            // Disposal must not throw; a caller that cares calls Complete and sees the failure.
        }
        finally
        {
            _recorder.Dispose();
            _session.Dispose();
        }
    }

    private int CheckNeuron(string population, int neuron)
    {
        var size = PopulationSize(Population(population));
        if ((uint)neuron >= (uint)size) throw new ArgumentOutOfRangeException(nameof(neuron), neuron, $"population '{population}' has {size} neurons");
        return neuron;
    }

    private int Receptor(int population, string port)
    {
        var receptors = Network.Populations[population].Receptors;
        foreach (var r in receptors)
            if (r.Port == port) return r.Index;
        throw new KeyNotFoundException($"population '{Network.Populations[population].Name}' has no port '{port}' (ports: {string.Join(", ", receptors.Select(r => r.Port))})");
    }

    private int Modulator(string name)
    {
        foreach (var m in Network.Neuromodulators)
            if (m.Name == name) return m.Index;
        throw new KeyNotFoundException($"no neuromodulator named '{name}' (declare it in the spec's \"neuromodulators\"; known: {string.Join(", ", Network.Neuromodulators.Select(m => m.Name))})");
    }

    private (int Receptor, int Variable) Variable(int population, string name)
    {
        var compiled = Network.Populations[population];
        var dot = name.IndexOf('.');
        if (dot < 0)
        {
            var index = compiled.Model.IndexOfVariable(name);
            if (index < 0) throw new KeyNotFoundException($"model '{compiled.Model.Name}' has no state variable '{name}' (variables: {string.Join(", ", compiled.Model.StateVariables.Select(v => v.Name))})");
            return (-1, index);
        }
        var receptor = Receptor(population, name[..dot]);
        var model = compiled.Receptors[receptor].Model;
        var variable = model.IndexOfVariable(name[(dot + 1)..]);
        if (variable < 0) throw new KeyNotFoundException($"receptor '{model.Name}' has no state variable '{name[(dot + 1)..]}' (variables: {string.Join(", ", model.StateVariables.Select(v => v.Name))})");
        return (receptor, variable);
    }

    // Whole-network figures, so every rank of a distributed run takes the same fingerprint (and a snapshot moved between
    // rank counts reaches the session, which says why it refuses it).
    private string Fingerprint() =>
        $"{_backend}:{string.Join(",", _populationSizes)}:{string.Join(",", Network.Projections.Select((_, i) => SynapseCount(i)))}:{Network.Dt}";

    /// <summary>Neurons of population number <paramref name="population"/> in the whole network (over all ranks of a distributed run).</summary>
    public int PopulationSize(int population) => _populationSizes[population];

    /// <summary>Synapses of projection number <paramref name="projection"/> in the whole network: the length of <see cref="GetWeights"/>.</summary>
    public int SynapseCount(int projection) =>
        _session is IDistributedSession distributed ? distributed.SynapseCount(projection) : Network.Projections[projection].Table.Count;

    /// <summary>
    /// Projection <paramref name="projection"/> as one process compiles it (rows by source, targets, delays) with its
    /// current weights; on one rank of a distributed run, the whole projection gathered from every rank (a collective).
    /// </summary>
    public SynapseTable WholeTable(string projection) => WholeTable(Projection(projection));

    /// <summary>Projection number <paramref name="p"/> as one process compiles it, with its current weights (see <see cref="WholeTable(string)"/>).</summary>
    public SynapseTable WholeTable(int p)
    {
        if (_session is IDistributedSession distributed) return distributed.WholeTable(p);
        var table = Network.Projections[p].Table;
        return new SynapseTable(table.RowStart, table.Targets, _session.GetWeights(p).ToArray(), table.DelaySteps);
    }
}
