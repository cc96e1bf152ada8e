using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Circuits;

/// <summary>
/// What a <see cref="CircuitModel"/> builds into: populations, projections, stimuli and probes named by local name
/// (stored as <c>instance.local</c>), the neuromodulators its models read (named globally, since a model reads a
/// neuromodulator by a fixed name), and the binding of each port to one of its populations. A mistake (an unknown
/// local name, a port bound twice or not at all) throws, and the expander reports it against the circuit instance.
/// </summary>
public sealed class CircuitBuilder
{
    private readonly IReadOnlyList<CircuitPort> _ports;
    private readonly List<PopulationSpec> _populations = [];
    private readonly List<ProjectionSpec> _projections = [];
    private readonly List<StimulusSpec> _stimuli = [];
    private readonly List<ProbeSpec> _probes = [];
    private readonly List<NeuromodulatorSpec> _neuromodulators = [];
    private readonly Dictionary<string, string> _bindings = new(StringComparer.Ordinal);

    internal CircuitBuilder(string instanceName, IReadOnlyList<CircuitPort> ports, double dt = DefaultDt)
    {
        InstanceName = instanceName;
        _ports = ports;
        // An invalid step is reported by validation; the circuit builds for the default meanwhile.
        Dt = double.IsFinite(dt) && dt > 0 ? dt : DefaultDt;
    }

    private const double DefaultDt = 0.1;

    /// <summary>The instance name, i.e. the prefix of everything built.</summary>
    public string InstanceName { get; }

    /// <summary>
    /// The spec's simulation step in ms, for circuits whose construction depends on it (a delay that must be at least
    /// one step, a weight correcting for per-step integration), so that no circuit parameter has to repeat it.
    /// </summary>
    public double Dt { get; }

    /// <summary>The name a local name gets in the network (<c>instance.local</c>).</summary>
    public string FullName(string localName) => $"{InstanceName}.{localName}";

    /// <summary>Adds a population; <paramref name="configure"/> sets parameters, initial state and positions.</summary>
    public CircuitBuilder Population(string localName, int size, string model, Action<PopulationBuilder>? configure = null)
    {
        if (string.IsNullOrWhiteSpace(localName)) throw new ArgumentException("a population needs a non-empty local name", nameof(localName));
        if (_populations.Any(p => p.Name == FullName(localName))) throw new InvalidOperationException($"population '{localName}' is added twice");
        var builder = new PopulationBuilder();
        configure?.Invoke(builder);
        _populations.Add(new PopulationSpec
        {
            Name = FullName(localName), Size = size, Model = model,
            Params = builder.Params, Initial = builder.Initial, Positions = builder.Positions,
        });
        return this;
    }

    /// <summary>Adds a projection between two of the circuit's populations (local names).</summary>
    public CircuitBuilder Connect(string sourceLocal, string targetLocal, ConnectorSpec connector, ValueSpec weight,
        ValueSpec? delay = null, SynapseSpec? synapse = null, PlasticitySpec? plasticity = null, string? projectionName = null,
        WeightPrecision weightPrecision = WeightPrecision.Full)
    {
        _projections.Add(new ProjectionSpec
        {
            Name = projectionName is null ? null : FullName(projectionName),
            Source = FullName(sourceLocal), Target = FullName(targetLocal), Connector = connector, Weight = weight,
            Delay = delay ?? new ConstantValue(Q.Ms(1)), Synapse = synapse ?? new SynapseSpec(), Plasticity = plasticity,
            WeightPrecision = weightPrecision,
        });
        return this;
    }

    /// <summary>Adds a stimulus whose <see cref="StimulusSpec.Target"/> is a local population name.</summary>
    public CircuitBuilder Stimulate(StimulusSpec stimulus)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        _stimuli.Add(stimulus with { Target = FullName(stimulus.Target) });
        return this;
    }

    /// <summary>Adds a constant current to one of the circuit's populations (or some of its neurons).</summary>
    public CircuitBuilder Dc(string targetLocal, Quantity amplitude, IReadOnlyList<int>? indices = null, Quantity? start = null, Quantity? stop = null) =>
        Stimulate(new DcStimulus { Target = targetLocal, Amplitude = amplitude, Indices = indices, Start = start, Stop = stop });

    /// <summary>Records spikes of one of the circuit's populations.</summary>
    public CircuitBuilder RecordSpikes(string populationLocal, IReadOnlyList<int>? indices = null)
    {
        _probes.Add(new SpikeProbe { Population = FullName(populationLocal), Indices = indices });
        return this;
    }

    /// <summary>Samples a state variable of one of the circuit's populations.</summary>
    public CircuitBuilder RecordState(string populationLocal, string variable, IReadOnlyList<int>? indices = null, Quantity? interval = null)
    {
        _probes.Add(new StateProbe { Population = FullName(populationLocal), Variable = variable, Indices = indices, Interval = interval });
        return this;
    }

    /// <summary>
    /// Declares a neuromodulator the circuit's models read (e.g. dopamine), with the level it starts at and relaxes to.
    /// Its name is global, not prefixed: models read neuromodulators by fixed names, so a second declaration of the same
    /// name (by the spec or another circuit) is an error the expander reports against this circuit.
    /// </summary>
    public CircuitBuilder Neuromodulator(string name, double baseline = 0, Quantity? tau = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a neuromodulator needs a non-empty name", nameof(name));
        if (_neuromodulators.Any(n => n.Name == name)) throw new InvalidOperationException($"neuromodulator '{name}' is declared twice");
        _neuromodulators.Add(new NeuromodulatorSpec { Name = name, Baseline = baseline, Tau = tau });
        return this;
    }

    /// <summary>Binds a declared port to one of the circuit's populations (the whole population is the port).</summary>
    public CircuitBuilder Port(string port, string populationLocal)
    {
        if (_ports.All(p => p.Name != port))
            throw new InvalidOperationException($"port '{port}' is not declared (declared: {Names(_ports.Select(p => p.Name))})");
        if (!_bindings.TryAdd(port, FullName(populationLocal)))
            throw new InvalidOperationException($"port '{port}' is bound twice");
        return this;
    }

    internal IReadOnlyList<PopulationSpec> Populations => _populations;
    internal IReadOnlyList<ProjectionSpec> Projections => _projections;
    internal IReadOnlyList<StimulusSpec> Stimuli => _stimuli;
    internal IReadOnlyList<ProbeSpec> Probes => _probes;
    internal IReadOnlyList<NeuromodulatorSpec> Neuromodulators => _neuromodulators;
    internal IReadOnlyDictionary<string, string> Bindings => _bindings;

    /// <summary>Checks that every reference names one of the circuit's own populations and every port is bound.</summary>
    internal void Complete()
    {
        var own = _populations.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        void Own(string fullName, string what)
        {
            if (!own.Contains(fullName))
                throw new InvalidOperationException(
                    $"{what} names population '{fullName[(InstanceName.Length + 1)..]}', which the circuit did not add (added: {Names(_populations.Select(p => p.Name[(InstanceName.Length + 1)..]))})");
        }
        foreach (var p in _projections)
        {
            Own(p.Source, "a projection's source");
            Own(p.Target, "a projection's target");
        }
        foreach (var s in _stimuli) Own(s.Target, $"a {s.Type} stimulus");
        foreach (var p in _probes) Own(p.Population, $"a {p.Type} probe");
        foreach (var (port, population) in _bindings) Own(population, $"port '{port}'");
        var unbound = _ports.Where(p => !_bindings.ContainsKey(p.Name)).Select(p => p.Name).ToList();
        if (unbound.Count > 0) throw new InvalidOperationException($"port{(unbound.Count == 1 ? " " : "s ")}{Names(unbound.Select(u => $"'{u}'"))} {(unbound.Count == 1 ? "is" : "are")} not bound to a population");
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
