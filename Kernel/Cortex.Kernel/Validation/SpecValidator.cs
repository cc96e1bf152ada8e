using Cortex.Models;
using Cortex.Registry;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Validation;

/// <summary>
/// Checks a spec against the registered components and reports every problem with its path, so
/// nothing invalid reaches compilation: unknown names list what is available, units must match
/// the parameter's dimension, ranges follow each parameter's rule.
/// </summary>
public sealed class SpecValidator(ComponentRegistry registry)
{
    private readonly List<SpecError> _errors = [];

    /// <summary>All problems in <paramref name="spec"/>; empty when it can be compiled.</summary>
    public IReadOnlyList<SpecError> Validate(NetworkSpec spec)
    {
        _errors.Clear();
        CheckSimulation(spec.Simulation);
        var populations = CheckPopulations(spec.Populations);
        var receptors = new Dictionary<(string Target, string Port), (SynapseSpec Synapse, string Path)>();
        for (var i = 0; i < spec.Projections.Count; i++)
            CheckProjection(spec.Projections[i], $"projections[{i}]", populations, receptors, spec.Simulation.Dt.Value);
        for (var i = 0; i < spec.Stimuli.Count; i++)
            CheckStimulus(spec.Stimuli[i], $"stimuli[{i}]", populations, receptors);
        for (var i = 0; i < spec.Probes.Count; i++)
            CheckProbe(spec.Probes[i], $"probes[{i}]", populations, spec.Simulation.Dt.Value);
        return [.. _errors];
    }

    /// <summary>Throws <see cref="SpecValidationException"/> listing every problem, if any.</summary>
    public void ThrowIfInvalid(NetworkSpec spec, string? source = null)
    {
        var errors = Validate(spec);
        if (errors.Count > 0) throw new SpecValidationException(errors, source);
    }

    private void CheckSimulation(SimulationSettings s)
    {
        if (Expect(s.Dt, Dimension.Time, "simulation.dt") && s.Dt.Value <= 0) Error("simulation.dt", $"must be > 0, got {s.Dt}");
        if (Expect(s.Duration, Dimension.Time, "simulation.duration") && s.Duration.Value <= 0) Error("simulation.duration", $"must be > 0, got {s.Duration}");
        if (s.Dt.Value > 0 && s.Duration.Value / s.Dt.Value > int.MaxValue)
            Error("simulation.duration", $"needs more than {int.MaxValue} steps at dt = {s.Dt}");
    }

    private Dictionary<string, (PopulationSpec Spec, NeuronModel? Model)> CheckPopulations(IReadOnlyList<PopulationSpec> populations)
    {
        var byName = new Dictionary<string, (PopulationSpec, NeuronModel?)>(StringComparer.Ordinal);
        for (var i = 0; i < populations.Count; i++)
        {
            var p = populations[i];
            var path = $"populations[{i}]";
            if (string.IsNullOrWhiteSpace(p.Name)) Error($"{path}.name", "must not be empty");
            else if (!byName.TryAdd(p.Name, (p, null))) Error($"{path}.name", $"'{p.Name}' is already used by another population");
            if (p.Size <= 0) Error($"{path}.size", $"must be > 0, got {p.Size}");
            var model = FindNamed(registry.NeuronModels, p.Model, $"{path}.model", "neuron model");
            if (model is null) continue;
            if (byName.ContainsKey(p.Name)) byName[p.Name] = (p, model);
            var values = CheckParameters(model.Parameters, p.Params, $"{path}.params");
            if (values is not null)
                foreach (var problem in model.Check(values)) Error($"{path}.params.{problem.Parameter}", problem.Message);
            foreach (var (variable, value) in p.Initial)
            {
                var index = model.IndexOfVariable(variable);
                if (index < 0)
                {
                    Error($"{path}.initial.{variable}", $"'{model.Name}' has no state variable '{variable}' (available: {string.Join(", ", model.StateVariables.Select(v => v.Name))})");
                    continue;
                }
                CheckValue(value, model.StateVariables[index].Dimension, $"{path}.initial.{variable}");
            }
            CheckPositions(p, $"{path}.positions");
        }
        return byName;
    }

    private void CheckPositions(PopulationSpec p, string path)
    {
        if (p.Positions is not { } positions) return;
        if (positions.Points is { } points)
        {
            if (points.Count != p.Size) Error(path, $"has {points.Count} points for {p.Size} neurons");
        }
        else if (positions.BoxMin is { } min && positions.BoxMax is { } max)
        {
            if (min.X > max.X || min.Y > max.Y || min.Z > max.Z) Error(path, "box_min must not exceed box_max in any coordinate");
        }
        else Error(path, "needs points or both box_min and box_max");
    }

    private void CheckProjection(ProjectionSpec p, string path, Dictionary<string, (PopulationSpec Spec, NeuronModel? Model)> populations,
        Dictionary<(string, string), (SynapseSpec, string)> receptors, double dt)
    {
        var source = FindPopulation(populations, p.Source, $"{path}.source");
        var target = FindPopulation(populations, p.Target, $"{path}.target");
        if (source is { } s && target is { } t) CheckConnector(p.Connector, s.Size, t.Size, p.Source == p.Target, $"{path}.connector", dt);
        var synapse = CheckSynapse(p.Synapse, p.Target, $"{path}.synapse", receptors);
        if (synapse is not null)
        {
            CheckValue(p.Weight, synapse.WeightDimension, $"{path}.weight", synapse.WeightRule);
            if (p.Connector is ExplicitConnector list)
                for (var i = 0; i < list.Connections.Count; i++)
                    if (list.Connections[i].Weight is { } w) CheckQuantity(w, synapse.WeightDimension, $"{path}.connector.connections[{i}].weight", synapse.WeightRule);
        }
        if (CheckValue(p.Delay, Dimension.Time, $"{path}.delay", ValueRule.Positive) && p.Delay is ConstantValue { Value.Value: var delay } && delay < dt * 0.5)
            Error($"{path}.delay", $"must be at least one time step ({dt} ms), got {delay} ms");
        if (p.Plasticity is { } plasticity)
        {
            var rule = FindNamed(registry.PlasticityRules, plasticity.Rule, $"{path}.plasticity.rule", "plasticity rule");
            if (rule is not null)
            {
                var values = CheckParameters(rule.Parameters, plasticity.Params, $"{path}.plasticity.params");
                if (values is not null)
                    foreach (var problem in rule.Check(values)) Error($"{path}.plasticity.params.{problem.Parameter}", problem.Message);
            }
        }
    }

    private void CheckConnector(ConnectorSpec connector, int sourceSize, int targetSize, bool samePopulation, string path, double dt)
    {
        switch (connector)
        {
            case OneToOneConnector when sourceSize != targetSize:
                Error(path, $"one_to_one needs equal sizes, got {sourceSize} sources and {targetSize} targets");
                break;
            case FixedProbabilityConnector f when !ValueRule.Probability.Accepts(f.P):
                Error($"{path}.p", $"must be between 0 and 1, got {f.P}");
                break;
            case FixedInDegreeConnector f:
                CheckDegree(f.K, sourceSize - (samePopulation && !f.AllowAutapses ? 1 : 0), f.AllowMultapses, "sources", $"{path}.k");
                break;
            case FixedOutDegreeConnector f:
                CheckDegree(f.K, targetSize - (samePopulation && !f.AllowAutapses ? 1 : 0), f.AllowMultapses, "targets", $"{path}.k");
                break;
            case ExplicitConnector list:
                for (var i = 0; i < list.Connections.Count; i++)
                {
                    var c = list.Connections[i];
                    if (c.Source < 0 || c.Source >= sourceSize) Error($"{path}.connections[{i}].source", $"must be in [0, {sourceSize - 1}], got {c.Source}");
                    if (c.Target < 0 || c.Target >= targetSize) Error($"{path}.connections[{i}].target", $"must be in [0, {targetSize - 1}], got {c.Target}");
                    // A listed delay overrides the projection's, so it must obey the same one-step minimum.
                    if (c.Delay is { } d && CheckQuantity(d, Dimension.Time, $"{path}.connections[{i}].delay", ValueRule.Positive) && d.Value < dt * 0.5)
                        Error($"{path}.connections[{i}].delay", $"must be at least one time step ({dt} ms), got {d}");
                }
                break;
        }
    }

    private void CheckDegree(int k, int available, bool multapses, string what, string path)
    {
        if (k < 0) Error(path, $"must be >= 0, got {k}");
        else if (!multapses && k > available) Error(path, $"asks for {k} distinct {what} but only {available} are available (allow_multapses is false)");
        else if (k > 0 && available <= 0) Error(path, $"asks for {k} {what} but none are available");
    }

    private SynapseModel? CheckSynapse(SynapseSpec synapse, string target, string path, Dictionary<(string, string), (SynapseSpec Synapse, string Path)> receptors)
    {
        var model = FindNamed(registry.SynapseModels, synapse.Model, $"{path}.model", "synapse model");
        if (model is null) return null;
        CheckParameters(model.Parameters, synapse.Params, $"{path}.params");
        if (string.IsNullOrWhiteSpace(synapse.Port)) Error($"{path}.port", "must not be empty");
        // Everything feeding one port of one target shares that receptor's state, so it must agree.
        if (receptors.TryGetValue((target, synapse.Port), out var first))
        {
            if (!SameSynapse(first.Synapse, synapse))
                Error(path, $"port '{synapse.Port}' of '{target}' is already fed by {first.Path} with a different synapse model or parameters; use another port name");
        }
        else receptors[(target, synapse.Port)] = (synapse, path);
        return model;
    }

    private static bool SameSynapse(SynapseSpec a, SynapseSpec b) =>
        a.Model == b.Model && a.Params.Count == b.Params.Count && a.Params.All(p => b.Params.TryGetValue(p.Key, out var v) && v == p.Value);

    private void CheckStimulus(StimulusSpec s, string path, Dictionary<string, (PopulationSpec Spec, NeuronModel? Model)> populations,
        Dictionary<(string, string), (SynapseSpec, string)> receptors)
    {
        var target = FindPopulation(populations, s.Target, $"{path}.target");
        if (target is { } t) CheckIndices(s.Indices, t.Size, $"{path}.indices");
        switch (s)
        {
            case DcStimulus dc:
                CheckQuantity(dc.Amplitude, Dimension.Current, $"{path}.amplitude", ValueRule.Any);
                CheckWindow(dc.Start, dc.Stop, path);
                break;
            case PoissonStimulus poisson:
                CheckQuantity(poisson.Rate, Dimension.Frequency, $"{path}.rate", ValueRule.NonNegative);
                if (CheckSynapse(poisson.Synapse, s.Target, $"{path}.synapse", receptors) is { } pm)
                    CheckQuantity(poisson.Weight, pm.WeightDimension, $"{path}.weight", pm.WeightRule);
                CheckWindow(poisson.Start, poisson.Stop, path);
                break;
            case SpikeTimesStimulus times:
                for (var i = 0; i < times.Times.Count; i++) CheckQuantity(times.Times[i], Dimension.Time, $"{path}.times[{i}]", ValueRule.NonNegative);
                if (CheckSynapse(times.Synapse, s.Target, $"{path}.synapse", receptors) is { } tm)
                    CheckQuantity(times.Weight, tm.WeightDimension, $"{path}.weight", tm.WeightRule);
                break;
        }
    }

    private void CheckWindow(Quantity? start, Quantity? stop, string path)
    {
        if (start is { } a) CheckQuantity(a, Dimension.Time, $"{path}.start", ValueRule.NonNegative);
        if (stop is { } b) CheckQuantity(b, Dimension.Time, $"{path}.stop", ValueRule.NonNegative);
        if (start is { } s && stop is { } e && e.Value < s.Value) Error($"{path}.stop", $"must not be before start ({s}), got {e}");
    }

    private void CheckProbe(ProbeSpec probe, string path, Dictionary<string, (PopulationSpec Spec, NeuronModel? Model)> populations, double dt)
    {
        if (!populations.TryGetValue(probe.Population, out var population))
        {
            FindPopulation(populations, probe.Population, $"{path}.population");
            return;
        }
        CheckIndices(probe.Indices, population.Spec.Size, $"{path}.indices");
        if (probe is not StateProbe state || population.Model is not { } model) return;
        if (model.IndexOfVariable(state.Variable) < 0)
            Error($"{path}.variable", $"'{model.Name}' has no state variable '{state.Variable}' (available: {string.Join(", ", model.StateVariables.Select(v => v.Name))})");
        if (state.Interval is { } interval && CheckQuantity(interval, Dimension.Time, $"{path}.interval", ValueRule.Positive) && interval.Value < dt * 0.5)
            Error($"{path}.interval", $"must be at least one time step ({dt} ms), got {interval}");
    }

    private void CheckIndices(IReadOnlyList<int>? indices, int size, string path)
    {
        if (indices is null) return;
        for (var i = 0; i < indices.Count; i++)
            if (indices[i] < 0 || indices[i] >= size) Error($"{path}[{i}]", $"must be in [0, {size - 1}], got {indices[i]}");
    }

    private PopulationSpec? FindPopulation(Dictionary<string, (PopulationSpec Spec, NeuronModel? Model)> populations, string name, string path)
    {
        if (populations.TryGetValue(name, out var p)) return p.Spec;
        var hint = EditDistance.Closest(name, populations.Keys);
        Error(path, $"unknown population '{name}'{(hint is null ? "" : $" (did you mean '{hint}'?)")} (defined: {string.Join(", ", populations.Keys)})");
        return null;
    }

    private T? FindNamed<T>(IReadOnlyDictionary<string, T> components, string name, string path, string kind) where T : class
    {
        if (components.TryGetValue(name, out var component)) return component;
        var hint = EditDistance.Closest(name, components.Keys);
        Error(path, $"unknown {kind} '{name}'{(hint is null ? "" : $" (did you mean '{hint}'?)")} (available: {string.Join(", ", components.Keys.Order(StringComparer.Ordinal))})");
        return null;
    }

    private ParameterValues? CheckParameters(IReadOnlyList<ParameterSpec> parameters, IReadOnlyDictionary<string, Quantity> given, string path)
    {
        var ok = true;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            var spec = parameters.FirstOrDefault(p => p.Name == name);
            if (spec is null)
            {
                var hint = EditDistance.Closest(name, parameters.Select(p => p.Name));
                Error($"{path}.{name}", $"unknown parameter{(hint is null ? "" : $" (did you mean '{hint}'?)")} (available: {string.Join(", ", parameters.Select(p => p.Name))})");
                ok = false;
                continue;
            }
            ok &= CheckQuantity(value, spec.Dimension, $"{path}.{name}", spec.Rule);
            values[name] = value.Value;
        }
        return ok ? new ParameterValues(parameters, values) : null;
    }

    private bool CheckValue(ValueSpec value, Dimension dimension, string path, ValueRule rule = ValueRule.Any)
    {
        switch (value)
        {
            case ConstantValue c:
                return CheckQuantity(c.Value, dimension, path, rule);
            case UniformValue u:
                var uniformOk = CheckQuantity(u.Low, dimension, $"{path}.low", rule) & CheckQuantity(u.High, dimension, $"{path}.high", rule);
                if (uniformOk && u.High.Value < u.Low.Value) Error($"{path}.high", $"must not be below low ({u.Low}), got {u.High}");
                return uniformOk;
            case NormalValue n:
                var normalOk = CheckQuantity(n.Mean, dimension, $"{path}.mean", ValueRule.Any) & CheckQuantity(n.Std, dimension, $"{path}.std", ValueRule.NonNegative);
                if (n.Min is { } min) normalOk &= CheckQuantity(min, dimension, $"{path}.min", ValueRule.Any);
                if (n.Max is { } max) normalOk &= CheckQuantity(max, dimension, $"{path}.max", ValueRule.Any);
                if (n.Min is { } lo && n.Max is { } hi && hi.Value <= lo.Value) Error($"{path}.max", $"must be above min ({lo}), got {hi}");
                // Values of a rule-bound quantity (e.g. a delay) must be kept in range by bounds.
                if (rule is ValueRule.Positive or ValueRule.NonNegative && n.Min is null && n.Std.Value > 0)
                    Error($"{path}.min", $"is required: the value {rule.Requirement()} and a normal distribution without a lower bound can break that");
                return normalOk;
            default:
                Error(path, $"unsupported value kind {value.GetType().Name}");
                return false;
        }
    }

    private bool CheckQuantity(Quantity q, Dimension dimension, string path, ValueRule rule)
    {
        if (q.Dimension != dimension)
        {
            var got = q.Dimension == Dimension.Dimensionless ? $"{q.Value} (no unit)" : $"{q} ({UnitTable.Describe(q.Dimension)})";
            Error(path, $"expected {UnitTable.Describe(dimension)} such as {UnitTable.Example(dimension)}, got {got}");
            return false;
        }
        if (!rule.Accepts(q.Value))
        {
            Error(path, $"{rule.Requirement()}, got {q}");
            return false;
        }
        return true;
    }

    private bool Expect(Quantity q, Dimension dimension, string path) => CheckQuantity(q, dimension, path, ValueRule.Any);

    private void Error(string path, string message) => _errors.Add(new SpecError(path, message));
}
