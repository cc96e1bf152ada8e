using System.Text.Json;
using Cortex.Units;

namespace Cortex.Spec;

/// <summary>Writes a <see cref="NetworkSpec"/> in the shape <see cref="SpecJsonReader"/> reads.</summary>
internal static partial class SpecJsonWriter
{
    public static void Write(Utf8JsonWriter w, NetworkSpec spec)
    {
        w.WriteStartObject();
        w.WriteString("name", spec.Name);
        w.WriteStartObject("simulation");
        WriteQuantity(w, "dt", spec.Simulation.Dt);
        WriteQuantity(w, "duration", spec.Simulation.Duration);
        w.WriteNumber("seed", spec.Simulation.Seed);
        w.WriteEndObject();
        WriteList(w, "populations", spec.Populations, WritePopulation);
        WriteList(w, "projections", spec.Projections, WriteProjection);
        WriteList(w, "stimuli", spec.Stimuli, WriteStimulus);
        WriteList(w, "probes", spec.Probes, WriteProbe);
        // Optional sections appear only when used, so specs without them write exactly as before.
        if (spec.Neuromodulators.Count > 0) WriteList(w, "neuromodulators", spec.Neuromodulators, WriteNeuromodulator);
        if (spec.Circuits.Count > 0) WriteList(w, "circuits", spec.Circuits, WriteCircuit);
        w.WriteEndObject();
    }

    private static void WriteNeuromodulator(Utf8JsonWriter w, NeuromodulatorSpec n)
    {
        w.WriteStartObject();
        w.WriteString("name", n.Name);
        w.WriteNumber("baseline", n.Baseline);
        if (n.Tau is { } tau) WriteQuantity(w, "tau", tau);
        w.WriteEndObject();
    }

    private static void WriteCircuit(Utf8JsonWriter w, CircuitSpec c)
    {
        w.WriteStartObject();
        w.WriteString("type", c.Type);
        w.WriteString("name", c.Name);
        if (c.Named.Count == 0) WriteQuantityMap(w, "params", c.Params);
        else
        {
            w.WriteStartObject("params");
            foreach (var (name, value) in c.Params.OrderBy(x => x.Key, StringComparer.Ordinal)) WriteQuantity(w, name, value);
            foreach (var (name, text) in c.Named.OrderBy(x => x.Key, StringComparer.Ordinal)) w.WriteString(name, text);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WritePopulation(Utf8JsonWriter w, PopulationSpec p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WriteNumber("size", p.Size);
        w.WriteString("model", p.Model);
        if (p.Params.Count > 0)
        {
            w.WriteStartObject("params");
            foreach (var (name, value) in p.Params.OrderBy(x => x.Key, StringComparer.Ordinal)) WriteValue(w, name, value);
            w.WriteEndObject();
        }
        if (p.Initial.Count > 0)
        {
            w.WriteStartObject("initial");
            foreach (var (name, value) in p.Initial.OrderBy(x => x.Key, StringComparer.Ordinal)) WriteValue(w, name, value);
            w.WriteEndObject();
        }
        if (p.Positions is { } positions)
        {
            if (positions.Points is { } points)
            {
                w.WriteStartArray("positions");
                foreach (var point in points) WritePoint(w, null, point);
                w.WriteEndArray();
            }
            else
            {
                w.WriteStartObject("positions");
                WritePoint(w, "box_min", positions.BoxMin ?? default);
                WritePoint(w, "box_max", positions.BoxMax ?? default);
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter w, string? name, Point3 p)
    {
        if (name is null) w.WriteStartArray(); else w.WriteStartArray(name);
        w.WriteNumberValue(p.X);
        w.WriteNumberValue(p.Y);
        w.WriteNumberValue(p.Z);
        w.WriteEndArray();
    }

    private static void WriteProjection(Utf8JsonWriter w, ProjectionSpec p)
    {
        w.WriteStartObject();
        if (p.Name is not null) w.WriteString("name", p.Name);
        w.WriteString("source", p.Source);
        w.WriteString("target", p.Target);
        WriteConnector(w, p.Connector);
        WriteValue(w, "weight", p.Weight);
        WriteValue(w, "delay", p.Delay);
        WriteSynapse(w, p.Synapse);
        if (p.WeightPrecision == WeightPrecision.Grid16) w.WriteString("weight_precision", "16bit");
        if (p.Plasticity is { } plasticity)
        {
            w.WriteStartObject("plasticity");
            w.WriteString("rule", plasticity.Rule);
            WriteQuantityMap(w, "params", plasticity.Params);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteConnector(Utf8JsonWriter w, ConnectorSpec c)
    {
        w.WriteStartObject("connector");
        w.WriteString("type", c.Type);
        switch (c)
        {
            case AllToAllConnector a:
                w.WriteBoolean("allow_autapses", a.AllowAutapses);
                break;
            case FixedProbabilityConnector f:
                w.WriteNumber("p", f.P);
                w.WriteBoolean("allow_autapses", f.AllowAutapses);
                break;
            case FixedInDegreeConnector f:
                w.WriteNumber("k", f.K);
                w.WriteBoolean("allow_autapses", f.AllowAutapses);
                w.WriteBoolean("allow_multapses", f.AllowMultapses);
                break;
            case FixedOutDegreeConnector f:
                w.WriteNumber("k", f.K);
                w.WriteBoolean("allow_autapses", f.AllowAutapses);
                w.WriteBoolean("allow_multapses", f.AllowMultapses);
                break;
            case FixedTotalNumberConnector f:
                w.WriteNumber("n", f.N);
                w.WriteBoolean("allow_autapses", f.AllowAutapses);
                break;
            case BlockConnector b:
                WriteBlocks(w, b);
                break;
            case ExplicitConnector e:
                w.WriteStartArray("connections");
                foreach (var connection in e.Connections)
                {
                    w.WriteStartObject();
                    w.WriteNumber("source", connection.Source);
                    w.WriteNumber("target", connection.Target);
                    if (connection.Weight is { } weight) WriteQuantity(w, "weight", weight);
                    if (connection.Delay is { } delay) WriteQuantity(w, "delay", delay);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteSynapse(Utf8JsonWriter w, SynapseSpec s)
    {
        w.WriteStartObject("synapse");
        w.WriteString("model", s.Model);
        w.WriteString("port", s.Port);
        WriteQuantityMap(w, "params", s.Params);
        w.WriteEndObject();
    }

    private static void WriteStimulus(Utf8JsonWriter w, StimulusSpec s)
    {
        w.WriteStartObject();
        w.WriteString("type", s.Type);
        w.WriteString("target", s.Target);
        WriteIndices(w, s.Indices);
        switch (s)
        {
            case DcStimulus dc:
                WriteQuantity(w, "amplitude", dc.Amplitude);
                if (dc.Start is { } start) WriteQuantity(w, "start", start);
                if (dc.Stop is { } stop) WriteQuantity(w, "stop", stop);
                break;
            case PoissonStimulus poisson:
                WriteQuantity(w, "rate", poisson.Rate);
                WriteQuantity(w, "weight", poisson.Weight);
                WriteSynapse(w, poisson.Synapse);
                if (poisson.Start is { } pStart) WriteQuantity(w, "start", pStart);
                if (poisson.Stop is { } pStop) WriteQuantity(w, "stop", pStop);
                break;
            case SpikeTimesStimulus times:
                w.WriteStartArray("times");
                foreach (var t in times.Times) w.WriteStringValue(t.ToString());
                w.WriteEndArray();
                WriteQuantity(w, "weight", times.Weight);
                WriteSynapse(w, times.Synapse);
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteProbe(Utf8JsonWriter w, ProbeSpec p)
    {
        w.WriteStartObject();
        w.WriteString("type", p.Type);
        w.WriteString("population", p.Population);
        WriteIndices(w, p.Indices);
        if (p is StateProbe state)
        {
            w.WriteString("variable", state.Variable);
            if (state.Interval is { } interval) WriteQuantity(w, "interval", interval);
        }
        w.WriteEndObject();
    }

    private static void WriteIndices(Utf8JsonWriter w, IReadOnlyList<int>? indices)
    {
        if (indices is null) return;
        w.WriteStartArray("indices");
        foreach (var i in indices) w.WriteNumberValue(i);
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, ValueSpec value)
    {
        switch (value)
        {
            case ConstantValue c:
                WriteQuantity(w, name, c.Value);
                return;
            case UniformValue u:
                w.WriteStartObject(name);
                w.WriteString("dist", "uniform");
                WriteQuantity(w, "low", u.Low);
                WriteQuantity(w, "high", u.High);
                w.WriteEndObject();
                return;
            case NormalValue n:
                w.WriteStartObject(name);
                w.WriteString("dist", "normal");
                WriteQuantity(w, "mean", n.Mean);
                WriteQuantity(w, "std", n.Std);
                if (n.Min is { } min) WriteQuantity(w, "min", min);
                if (n.Max is { } max) WriteQuantity(w, "max", max);
                w.WriteEndObject();
                return;
            default:
                throw new NotSupportedException($"value kind {value.GetType().Name} has no JSON form");
        }
    }

    // Plain numbers stay numbers; dimensional values are strings in the internal unit ("0.0162 nA").
    private static void WriteQuantity(Utf8JsonWriter w, string name, Quantity q)
    {
        if (q.Dimension == Dimension.Dimensionless) w.WriteNumber(name, q.Value);
        else w.WriteString(name, q.ToString());
    }

    private static void WriteQuantityMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, Quantity> map)
    {
        if (map.Count == 0) return;
        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(x => x.Key, StringComparer.Ordinal)) WriteQuantity(w, key, value);
        w.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (var item in items) write(w, item);
        w.WriteEndArray();
    }
}
