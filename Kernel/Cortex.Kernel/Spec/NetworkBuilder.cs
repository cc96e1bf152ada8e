using Cortex.Units;

namespace Cortex.Spec;

/// <summary>
/// The fluent C# front door to a <see cref="NetworkSpec"/>; it produces exactly what the JSON reader
/// produces, so a network can be written in either and saved in the other.
/// </summary>
public sealed class NetworkBuilder(string name = "network")
{
    private readonly List<PopulationSpec> _populations = [];
    private readonly List<ProjectionSpec> _projections = [];
    private readonly List<StimulusSpec> _stimuli = [];
    private readonly List<ProbeSpec> _probes = [];
    private readonly List<NeuromodulatorSpec> _neuromodulators = [];
    private readonly List<CircuitSpec> _circuits = [];
    private SimulationSettings _simulation = new();

    /// <summary>Sets the time step.</summary>
    public NetworkBuilder Dt(Quantity dt) { _simulation = _simulation with { Dt = dt }; return this; }

    /// <summary>Sets the simulated duration.</summary>
    public NetworkBuilder Duration(Quantity duration) { _simulation = _simulation with { Duration = duration }; return this; }

    /// <summary>Sets the master seed.</summary>
    public NetworkBuilder Seed(ulong seed) { _simulation = _simulation with { Seed = seed }; return this; }

    /// <summary>Adds a population; <paramref name="configure"/> sets parameters, initial state and positions.</summary>
    public NetworkBuilder Population(string populationName, int size, string model, Action<PopulationBuilder>? configure = null)
    {
        var builder = new PopulationBuilder();
        configure?.Invoke(builder);
        _populations.Add(new PopulationSpec
        {
            Name = populationName, Size = size, Model = model,
            Params = builder.Params, Initial = builder.Initial, Positions = builder.Positions,
        });
        return this;
    }

    /// <summary>Adds a projection.</summary>
    public NetworkBuilder Connect(string source, string target, ConnectorSpec connector, ValueSpec weight,
        ValueSpec? delay = null, SynapseSpec? synapse = null, PlasticitySpec? plasticity = null, string? projectionName = null)
    {
        _projections.Add(new ProjectionSpec
        {
            Name = projectionName, Source = source, Target = target, Connector = connector, Weight = weight,
            Delay = delay ?? new ConstantValue(Q.Ms(1)), Synapse = synapse ?? new SynapseSpec(), Plasticity = plasticity,
        });
        return this;
    }

    /// <summary>Adds any stimulus.</summary>
    public NetworkBuilder Stimulate(StimulusSpec stimulus) { _stimuli.Add(stimulus); return this; }

    /// <summary>Adds a constant current to a population (or some of its neurons).</summary>
    public NetworkBuilder Dc(string target, Quantity amplitude, IReadOnlyList<int>? indices = null, Quantity? start = null, Quantity? stop = null) =>
        Stimulate(new DcStimulus { Target = target, Amplitude = amplitude, Indices = indices, Start = start, Stop = stop });

    /// <summary>Records spikes of a population.</summary>
    public NetworkBuilder RecordSpikes(string population, IReadOnlyList<int>? indices = null)
    {
        _probes.Add(new SpikeProbe { Population = population, Indices = indices });
        return this;
    }

    /// <summary>Samples a state variable.</summary>
    public NetworkBuilder RecordState(string population, string variable, IReadOnlyList<int>? indices = null, Quantity? interval = null)
    {
        _probes.Add(new StateProbe { Population = population, Variable = variable, Indices = indices, Interval = interval });
        return this;
    }

    /// <summary>Declares a neuromodulator: its baseline level and, optionally, the time constant of its relaxation to it.</summary>
    public NetworkBuilder Neuromodulator(string neuromodulatorName, double baseline = 0, Quantity? tau = null)
    {
        _neuromodulators.Add(new NeuromodulatorSpec { Name = neuromodulatorName, Baseline = baseline, Tau = tau });
        return this;
    }

    /// <summary>Adds an instance of a registered circuit; <paramref name="configure"/> sets its parameters.</summary>
    public NetworkBuilder Circuit(string type, string instanceName, Action<CircuitInstanceBuilder>? configure = null)
    {
        var builder = new CircuitInstanceBuilder();
        configure?.Invoke(builder);
        _circuits.Add(new CircuitSpec { Type = type, Name = instanceName, Params = builder.Params });
        return this;
    }

    /// <summary>The spec built so far.</summary>
    public NetworkSpec Build() => new()
    {
        Name = name, Simulation = _simulation,
        Populations = [.. _populations], Projections = [.. _projections], Stimuli = [.. _stimuli], Probes = [.. _probes],
        Neuromodulators = [.. _neuromodulators], Circuits = [.. _circuits],
    };
}

/// <summary>Sets the parameters of a circuit instance.</summary>
public sealed class CircuitInstanceBuilder
{
    internal Dictionary<string, Quantity> Params { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets a parameter.</summary>
    public CircuitInstanceBuilder Param(string name, Quantity value) { Params[name] = value; return this; }

    /// <summary>Sets a parameter from text such as "0.5 nA".</summary>
    public CircuitInstanceBuilder Param(string name, string value) => Param(name, Quantity.Parse(value));

    /// <summary>Sets a dimensionless parameter (a count or a ratio).</summary>
    public CircuitInstanceBuilder Param(string name, double value) => Param(name, Q.Number(value));
}

/// <summary>Sets a population's parameters, initial state and positions.</summary>
public sealed class PopulationBuilder
{
    internal Dictionary<string, ValueSpec> Params { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, ValueSpec> Initial { get; } = new(StringComparer.Ordinal);
    internal PositionsSpec? Positions { get; private set; }

    /// <summary>Sets a parameter shared by every neuron.</summary>
    public PopulationBuilder Param(string name, Quantity value) { Params[name] = new ConstantValue(value); return this; }

    /// <summary>Sets a parameter as a constant or a distribution drawn per neuron (e.g. <see cref="UniformValue"/>).</summary>
    public PopulationBuilder Param(string name, ValueSpec value) { Params[name] = value; return this; }

    /// <summary>Sets a parameter from text such as "20 ms".</summary>
    public PopulationBuilder Param(string name, string value) => Param(name, Quantity.Parse(value));

    /// <summary>Sets the initial value of a state variable (constant or distribution); <c>port.variable</c> names a receptor's.</summary>
    public PopulationBuilder Init(string variable, ValueSpec value) { Initial[variable] = value; return this; }

    /// <summary>Places neurons uniformly at random in a box (µm).</summary>
    public PopulationBuilder RandomPositions(Point3 min, Point3 max) { Positions = new PositionsSpec { BoxMin = min, BoxMax = max }; return this; }

    /// <summary>Places neurons at explicit points (µm), one per neuron.</summary>
    public PopulationBuilder PositionsAt(IReadOnlyList<Point3> points) { Positions = new PositionsSpec { Points = points }; return this; }
}
