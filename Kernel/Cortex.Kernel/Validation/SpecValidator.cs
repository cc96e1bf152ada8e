using Cortex.Circuits;
using Cortex.Compilation;
using Cortex.Models;
using Cortex.Registry;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Validation;

/// <summary>
/// Checks a spec against the registered components and reports every problem with its path, so
/// nothing invalid reaches compilation: unknown names list what is available, units must match
/// the parameter's dimension, ranges follow each parameter's rule. Circuits are expanded first; problems
/// inside what a circuit built point at the circuit (<c>circuits[0].populations[1]…</c>).
/// </summary>
public sealed partial class SpecValidator(ComponentRegistry registry)
{
    // Synapse delays are stored as 16-bit step counts.
    private const int MaxDelaySteps = ushort.MaxValue;

    // Poisson events are drawn one by one, so a step's cost grows with rate·dt.
    private const int MaxPoissonEventsPerStep = 1000;

    private readonly List<SpecError> _errors = [];
    private readonly List<SpecError> _warnings = [];

    /// <summary>
    /// What the last validation found that compiles but probably does not do what was meant (a rule reads a neuromodulator the
    /// spec does not declare), each with its path; <c>cortex validate</c> and <c>cortex run</c> print them as warnings.
    /// </summary>
    public IReadOnlyList<SpecError> Warnings { get; private set; } = [];

    /// <summary>All problems in <paramref name="spec"/>; empty when it can be compiled.</summary>
    public IReadOnlyList<SpecError> Validate(NetworkSpec spec) => ExpandAndValidate(spec).Errors;

    /// <summary>Throws <see cref="SpecValidationException"/> listing every problem, if any.</summary>
    public void ThrowIfInvalid(NetworkSpec spec, string? source = null) => ExpandAndThrowIfInvalid(spec, source);

    /// <summary>The spec with its circuits expanded, after checking it; throws listing every problem, if any.</summary>
    public NetworkSpec ExpandAndThrowIfInvalid(NetworkSpec spec, string? source = null)
    {
        var (expanded, errors) = ExpandAndValidate(spec);
        if (errors.Count > 0) throw new SpecValidationException(errors, source);
        return expanded;
    }

    private (NetworkSpec Expanded, IReadOnlyList<SpecError> Errors) ExpandAndValidate(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var expansion = new CircuitExpander(registry).Expand(spec);
        _errors.Clear();
        _warnings.Clear();
        Check(expansion.Spec);
        List<SpecError> errors = [.. expansion.Errors];
        foreach (var error in _errors)
            if (expansion.Relate(error) is { } related) errors.Add(related);
        Warnings = [.. _warnings.Select(expansion.Relate).OfType<SpecError>()];
        return (expansion.Spec, errors);
    }

    private void Check(NetworkSpec spec)
    {
        CheckSimulation(spec.Simulation, _errors);
        var deferred = new List<ReceptorInitial>();
        var populations = CheckPopulations(spec.Populations, spec.Simulation.Seed, deferred);
        var receptors = new Dictionary<(string Target, string Port), (SynapseSpec Synapse, string Path)>();
        for (var i = 0; i < spec.Projections.Count; i++)
            CheckProjection(spec.Projections[i], $"projections[{i}]", populations, receptors, spec.Simulation.Dt.Value);
        for (var i = 0; i < spec.Stimuli.Count; i++)
            CheckStimulus(spec.Stimuli[i], $"stimuli[{i}]", populations, receptors, spec.Simulation.Dt.Value);
        for (var i = 0; i < spec.Probes.Count; i++)
            CheckProbe(spec.Probes[i], $"probes[{i}]", populations, spec.Simulation.Dt.Value);
        foreach (var initial in deferred) CheckReceptorInitial(initial, receptors);
        if (_errors.Count == 0)
            foreach (var problem in NetworkSizeEstimate.Problems(spec, NetworkSizeEstimate.AvailableBytes())) Error(problem.Path, problem.Message);
        CheckNeuromodulators(spec.Neuromodulators);
        WarnUndeclaredNeuromodulators(spec);
    }

    /// <summary>
    /// The rule for the <c>simulation</c> section (dt and duration: times, positive, at most <see cref="int.MaxValue"/> steps),
    /// alone: <c>cortex run</c> checks the section as written and again after <c>--duration</c> replaced the duration, with
    /// this one rule, so run accepts only what validate accepts.
    /// </summary>
    public static IReadOnlyList<SpecError> CheckSimulation(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<SpecError>();
        CheckSimulation(settings, errors);
        return errors;
    }

    private static void CheckSimulation(SimulationSettings s, List<SpecError> errors)
    {
        if (SpecChecks.CheckQuantity(s.Dt, Dimension.Time, "simulation.dt", ValueRule.Any, errors) && s.Dt.Value <= 0)
            errors.Add(new SpecError("simulation.dt", $"must be > 0, got {s.Dt}"));
        if (SpecChecks.CheckQuantity(s.Duration, Dimension.Time, "simulation.duration", ValueRule.Any, errors))
        {
            if (s.Duration.Value <= 0)
                errors.Add(new SpecError("simulation.duration", $"must be > 0, got {s.Duration}"));
            // Shorter than half a step rounds to no step at all, and a run of no time has no rates or real-time factor.
            else if (s.Dt.Value > 0 && s.Duration.Value < s.Dt.Value * 0.5)
                errors.Add(new SpecError("simulation.duration", $"must be at least one time step ({s.Dt}), got {s.Duration}"));
        }
        if (s.Dt.Value > 0 && s.Duration.Value / s.Dt.Value > int.MaxValue)
            errors.Add(new SpecError("simulation.duration", $"needs more than {int.MaxValue} steps at dt = {s.Dt}"));
    }

    /// <summary>An initial value for a receptor's state (<c>port.variable</c>), checked once all ports are known.</summary>
    private sealed record ReceptorInitial(PopulationSpec Population, string Key, ValueSpec Value, string Path);

    private Dictionary<string, (PopulationSpec Spec, NeuronModel? Model)> CheckPopulations(
        IReadOnlyList<PopulationSpec> populations, ulong seed, List<ReceptorInitial> deferred)
    {
        var byName = new Dictionary<string, (PopulationSpec, NeuronModel?)>(StringComparer.Ordinal);
        for (var i = 0; i < populations.Count; i++)
        {
            var p = populations[i];
            var path = $"populations[{i}]";
            if (string.IsNullOrWhiteSpace(p.Name)) Error($"{path}.name", "must not be empty");
            else if (!byName.TryAdd(p.Name, (p, null))) Error($"{path}.name", $"'{p.Name}' is already used by another population");
            if (p.Size <= 0) Error($"{path}.size", $"must be > 0, got {p.Size}");
            var model = SpecChecks.FindNamed(registry.NeuronModels, p.Model, $"{path}.model", "neuron model", _errors);
            if (model is null) continue;
            if (byName.TryGetValue(p.Name, out var entry) && ReferenceEquals(entry.Item1, p)) byName[p.Name] = (p, model);
            CheckPopulationParameters(model, p, i, seed, $"{path}.params");
            foreach (var (variable, value) in p.Initial)
            {
                var index = model.IndexOfVariable(variable);
                if (index >= 0)
                    CheckValue(value, model.StateVariables[index].Dimension, $"{path}.initial.{variable}");
                else if (variable.Contains('.', StringComparison.Ordinal))
                    deferred.Add(new ReceptorInitial(p, variable, value, $"{path}.initial.{variable}"));
                else
                    Error($"{path}.initial.{variable}", $"'{model.Name}' has no state variable '{variable}' (available: {SpecChecks.List(model.StateVariables.Select(v => v.Name))})");
            }
            CheckPositions(p, $"{path}.positions");
        }
        return byName;
    }

    /// <summary>
    /// Constants are checked once; a distribution is drawn exactly as compilation will draw it and every value is
    /// checked against the parameter's rule, then the model's cross-parameter check runs per neuron. Only the first
    /// offending neuron is reported, so one bad distribution is one line.
    /// </summary>
    private void CheckPopulationParameters(NeuronModel model, PopulationSpec p, int populationIndex, ulong seed, string path)
    {
        var ok = true;
        var shared = new Dictionary<string, double>(StringComparer.Ordinal);
        var drawn = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, value) in p.Params)
        {
            var spec = SpecChecks.Find(model.Parameters, name, $"{path}.{name}", _errors);
            if (spec is null)
            {
                ok = false;
                continue;
            }
            if (value is ConstantValue constant)
            {
                ok &= CheckQuantity(constant.Value, spec.Dimension, $"{path}.{name}", spec.Rule);
                shared[name] = constant.Value.Value;
                continue;
            }
            if (spec.SharedOnly)
            {
                Error($"{path}.{name}", "must be the same for every neuron (shared-only); give a constant");
                ok = false;
                continue;
            }
            if (!CheckValue(value, spec.Dimension, $"{path}.{name}") || p.Size <= 0)
            {
                ok = false;
                continue;
            }
            double[] values;
            try
            {
                values = ValueSampler.DrawParameter(value, p.Size, seed, populationIndex, IndexOf(model.Parameters, name));
            }
            catch (InvalidOperationException e)
            {
                Error($"{path}.{name}", e.Message);
                ok = false;
                continue;
            }
            var bad = Array.FindIndex(values, x => !spec.Rule.Accepts(x));
            if (bad >= 0)
            {
                Error($"{path}.{name}", $"{spec.Rule.Requirement()}, got {new Quantity(values[bad], spec.Dimension)} at neuron {bad}");
                ok = false;
                continue;
            }
            shared[name] = ValueSampler.Placeholder(value);
            drawn[name] = values;
        }
        if (!ok) return;
        var parameters = new ParameterValues(model.Parameters, shared);
        if (drawn.Count == 0)
        {
            foreach (var problem in model.Check(parameters)) Error($"{path}.{problem.Parameter}", problem.Message);
            return;
        }
        var setup = new NeuronGroupSetup(parameters, p.Size, 1) { PerNeuron = drawn };
        for (var n = 0; n < p.Size; n++)
        {
            var problem = model.Check(setup.ValuesOf(n)).FirstOrDefault();
            if (problem is null) continue;
            Error($"{path}.{problem.Parameter}", $"{problem.Message} at neuron {n}");
            return;
        }
    }

    private static int IndexOf(IReadOnlyList<ParameterSpec> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
            if (parameters[i].Name == name) return i;
        return -1;
    }

    private void CheckReceptorInitial(ReceptorInitial initial, Dictionary<(string Target, string Port), (SynapseSpec Synapse, string Path)> receptors)
    {
        var dot = initial.Key.LastIndexOf('.');
        var (port, variable) = (initial.Key[..dot], initial.Key[(dot + 1)..]);
        var name = initial.Population.Name;
        if (!receptors.TryGetValue((name, port), out var receptor))
        {
            var ports = receptors.Keys.Where(k => k.Target == name).Select(k => k.Port).ToList();
            Error(initial.Path, $"no projection or stimulus feeds port '{port}' of population '{name}'{SpecChecks.Hint(EditDistance.Closest(port, ports))} (ports: {SpecChecks.List(ports)})");
            return;
        }
        if (!registry.SynapseModels.TryGetValue(receptor.Synapse.Model, out var model)) return;
        var index = model.IndexOfVariable(variable);
        if (index < 0)
        {
            var names = model.StateVariables.Select(v => v.Name).ToList();
            Error(initial.Path, $"'{model.Name}' at port '{port}' has no state variable '{variable}'{SpecChecks.Hint(EditDistance.Closest(variable, names))} (available: {SpecChecks.List(names)})");
            return;
        }
        CheckValue(initial.Value, model.StateVariables[index].Dimension, initial.Path);
    }

    private void CheckNeuromodulators(IReadOnlyList<NeuromodulatorSpec> neuromodulators)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < neuromodulators.Count; i++)
        {
            var n = neuromodulators[i];
            var path = $"neuromodulators[{i}]";
            if (!SpecChecks.IsIdentifier(n.Name)) Error($"{path}.name", SpecChecks.NotAnIdentifier(n.Name));
            else if (!first.TryAdd(n.Name, i)) Error($"{path}.name", $"'{n.Name}' is already declared by neuromodulators[{first[n.Name]}]");
            if (!double.IsFinite(n.Baseline)) Error($"{path}.baseline", $"must be finite, got {n.Baseline}");
            if (n.Tau is { } tau) CheckQuantity(tau, Dimension.Time, $"{path}.tau", ValueRule.Positive);
        }
    }

    /// <summary>
    /// A rule that reads a neuromodulator the spec does not declare sees a constant 0 unless a closed-loop caller sets it:
    /// valid, but a reward-modulated rule then never learns. One warning per such neuromodulator, at the first rule reading it.
    /// </summary>
    private void WarnUndeclaredNeuromodulators(NetworkSpec spec)
    {
        var declared = spec.Neuromodulators.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var readers = new Dictionary<string, (string Path, string Rule, int Count)>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Projections.Count; i++)
        {
            if (spec.Projections[i].Plasticity is not { } plasticity || !registry.PlasticityRules.TryGetValue(plasticity.Rule, out var rule)) continue;
            foreach (var name in rule.Neuromodulators.Where(name => !declared.Contains(name)))
                readers[name] = readers.TryGetValue(name, out var first) ? first with { Count = first.Count + 1 } : ($"projections[{i}].plasticity.rule", rule.Name, 1);
        }
        foreach (var (name, (path, rule, count)) in readers)
            _warnings.Add(new SpecError(path,
                $"'{rule}' reads neuromodulator '{name}', which the spec does not declare under neuromodulators{(count > 1 ? $" ({count} projections read it)" : "")}: " +
                $"its level stays 0 unless a closed-loop caller sets it, so a rule it gates does not learn; declare it, e.g. {{ \"name\": \"{name}\", \"tau\": \"200 ms\" }}"));
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
        if (CheckValue(p.Delay, Dimension.Time, $"{path}.delay", ValueRule.Positive) && p.Delay is ConstantValue { Value.Value: var delay })
        {
            if (delay < dt * 0.5) Error($"{path}.delay", $"must be at least one time step ({dt} ms), got {delay} ms");
            else if (Math.Round(delay / dt) > MaxDelaySteps)
                Error($"{path}.delay", $"must be at most {MaxDelaySteps} steps ({MaxDelaySteps * dt:0.###} ms at dt = {dt} ms), got {delay} ms");
        }
        if (p.WeightPrecision == WeightPrecision.Grid16 && p.Plasticity is not null)
            Error($"{path}.weight_precision", "16bit weights need static synapses: a plasticity rule changes weights off the grid (remove 'plasticity' or use 32bit)");
        if (p.Plasticity is { } plasticity)
        {
            var rule = SpecChecks.FindNamed(registry.PlasticityRules, plasticity.Rule, $"{path}.plasticity.rule", "plasticity rule", _errors);
            if (rule is not null)
            {
                if (synapse is not null && rule.Refuses(synapse) is { } reason)
                    Error($"{path}.plasticity.rule", $"'{rule.Name}' cannot act on '{synapse.Name}' synapses: {reason}");
                if (rule.ReadsPostVoltage && populations.TryGetValue(p.Target, out var post) && post.Model is { HasVoltage: false } postModel)
                    Error($"{path}.plasticity.rule",
                        $"'{rule.Name}' reads the postsynaptic membrane potential, and '{postModel.Name}' (population '{p.Target}') has none " +
                        $"(a state variable '{NeuronModel.VoltageVariable}' in mV)");
                var values = CheckParameters(rule.Parameters, plasticity.Params, $"{path}.plasticity.params");
                if (values is not null)
                    foreach (var problem in rule.Check(values)) Error($"{path}.plasticity.params.{problem.Parameter}", problem.Message);
                if (values is not null && synapse is not null) CheckWeightBounds(rule, values, synapse, $"{path}.plasticity.params");
            }
        }
    }

    /// <summary>
    /// Rules name their weight bounds <c>w_min</c> and <c>w_max</c> (stdp, rstdp): learning may drive a weight to either, so each
    /// must be a weight the receptor accepts (a conductance clipped to −0.5 µS would be a negative conductance).
    /// </summary>
    private void CheckWeightBounds(PlasticityRule rule, ParameterValues values, SynapseModel synapse, string path)
    {
        if (synapse.WeightRule == ValueRule.Any) return;
        foreach (var bound in WeightBounds)
            if (rule.Parameters.Any(p => p.Name == bound) && !synapse.WeightRule.Accepts(values[bound]))
                Error($"{path}.{bound}", $"{synapse.WeightRule.Requirement()} for '{synapse.Name}' synapses (their weights {synapse.WeightRule.Requirement()} and learning may drive a weight to this bound), got {values[bound]}");
    }

    private static readonly string[] WeightBounds = ["w_min", "w_max"];

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
            case FixedTotalNumberConnector f when f.N < 0 || f.N > int.MaxValue:
                Error($"{path}.n", $"must be between 0 and {int.MaxValue:N0} (one projection's synapses), got {f.N}");
                break;
            case FixedTotalNumberConnector f when f.N > 0 && (sourceSize == 0 || targetSize == 0 || (samePopulation && !f.AllowAutapses && sourceSize == 1)):
                Error($"{path}.n", $"asks for {f.N} synapses but no pair of neurons is available");
                break;
            case BlockConnector blocks:
                CheckBlocks(blocks, sourceSize, targetSize, path, dt);
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
        var model = SpecChecks.FindNamed(registry.SynapseModels, synapse.Model, $"{path}.model", "synapse model", _errors);
        if (model is null) return null;
        if (CheckParameters(model.Parameters, synapse.Params, $"{path}.params") is { } values)
            foreach (var problem in model.Check(values)) Error($"{path}.params.{problem.Parameter}", problem.Message);
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
        Dictionary<(string, string), (SynapseSpec, string)> receptors, double dt)
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
                // Each step draws rate·dt events per neuron one by one: an absurd rate would never finish a step.
                if (CheckQuantity(poisson.Rate, Dimension.Frequency, $"{path}.rate", ValueRule.NonNegative) && poisson.Rate.Value * dt * 1e-3 > MaxPoissonEventsPerStep)
                    Error($"{path}.rate", $"gives {poisson.Rate.Value * dt * 1e-3:G3} events per step and neuron at dt = {dt} ms; at most {MaxPoissonEventsPerStep} " +
                                          $"(a rate of {MaxPoissonEventsPerStep / (dt * 1e-3):G3} Hz): use a larger weight or a DC input for stronger drive");
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
        Error(path, $"unknown population '{name}'{SpecChecks.Hint(hint)} (defined: {string.Join(", ", populations.Keys)})");
        return null;
    }

    private ParameterValues? CheckParameters(IReadOnlyList<ParameterSpec> parameters, IReadOnlyDictionary<string, Quantity> given, string path) =>
        SpecChecks.CheckParameters(parameters, given, path, _errors);

    private bool CheckValue(ValueSpec value, Dimension dimension, string path, ValueRule rule = ValueRule.Any)
    {
        switch (value)
        {
            case ConstantValue c:
                return CheckQuantity(c.Value, dimension, path, rule);
            case UniformValue u:
                var uniformOk = CheckQuantity(u.Low, dimension, $"{path}.low", rule) & CheckQuantity(u.High, dimension, $"{path}.high", rule);
                if (uniformOk && u.High.Value < u.Low.Value)
                {
                    Error($"{path}.high", $"must not be below low ({u.Low}), got {u.High}");
                    uniformOk = false;
                }
                return uniformOk;
            case NormalValue n:
                var normalOk = CheckQuantity(n.Mean, dimension, $"{path}.mean", ValueRule.Any) & CheckQuantity(n.Std, dimension, $"{path}.std", ValueRule.NonNegative);
                if (n.Min is { } min) normalOk &= CheckQuantity(min, dimension, $"{path}.min", ValueRule.Any);
                if (n.Max is { } max) normalOk &= CheckQuantity(max, dimension, $"{path}.max", ValueRule.Any);
                if (n.Min is { } lo && n.Max is { } hi && hi.Value <= lo.Value)
                {
                    Error($"{path}.max", $"must be above min ({lo}), got {hi}");
                    normalOk = false;
                }
                // Values of a rule-bound quantity (e.g. a delay) must be kept in range by bounds.
                if (rule is ValueRule.Positive or ValueRule.NonNegative && n.Min is null && n.Std.Value > 0)
                {
                    Error($"{path}.min", $"is required: the value {rule.Requirement()} and a normal distribution without a lower bound can break that");
                    normalOk = false;
                }
                return normalOk;
            default:
                Error(path, $"unsupported value kind {value.GetType().Name}");
                return false;
        }
    }

    private bool CheckQuantity(Quantity q, Dimension dimension, string path, ValueRule rule) =>
        SpecChecks.CheckQuantity(q, dimension, path, rule, _errors);

    private bool Expect(Quantity q, Dimension dimension, string path) => CheckQuantity(q, dimension, path, ValueRule.Any);

    private void Error(string path, string message) => _errors.Add(new SpecError(path, message));
}
