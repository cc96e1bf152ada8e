using System.Text.RegularExpressions;
using Cortex.Registry;
using Cortex.Spec;
using Cortex.Validation;

namespace Cortex.Circuits;

/// <summary>
/// Turns the circuit instances of a spec into ordinary populations, projections, stimuli and probes, named
/// <c>instance.local</c>, and the neuromodulators they declare (named globally, each declared once), all appended after the spec's own (so the spec's indices, and the random streams keyed by
/// them, do not move), and rewrites references to <c>instance.port</c> into the bound population. Problems with an
/// instance (unknown type, bad parameters, a failing build, a bad port reference) are reported with their JSON path;
/// the rest of the spec is still expanded so validation can report everything at once.
/// </summary>
public sealed partial class CircuitExpander(ComponentRegistry registry)
{
    // Parameters written by name ("background": "dc") become the index of that name in the parameter's Choices.
    private static Dictionary<string, Units.Quantity> WithChoices(CircuitModel model, CircuitSpec circuit, string path, List<SpecError> errors)
    {
        var given = new Dictionary<string, Units.Quantity>(circuit.Params, StringComparer.Ordinal);
        foreach (var (name, text) in circuit.Named)
        {
            var parameter = SpecChecks.Find(model.Parameters, name, $"{path}.params.{name}", errors);
            if (parameter is null) continue;
            var index = parameter.Choices.ToList().FindIndex(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0) given[name] = new Units.Quantity(index, Units.Dimension.Dimensionless);
            else errors.Add(new SpecError($"{path}.params.{name}", parameter.Choices.Count > 0
                ? $"expected one of {string.Join(", ", parameter.Choices)}, got '{text}'"
                : Units.Quantity.TryParse(text, out _, out var error) ? $"must be a number, got '{text}'" : error));
        }
        return given;
    }

    /// <summary>Expands every circuit of <paramref name="spec"/>; a spec without circuits comes back unchanged.</summary>
    public CircuitExpansion Expand(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Circuits.Count == 0) return new CircuitExpansion(spec, [], [], new Origins(spec), []);

        var errors = new List<SpecError>();
        var origins = new Origins(spec);
        var populations = spec.Populations.ToList();
        var projections = spec.Projections.ToList();
        var stimuli = spec.Stimuli.ToList();
        var probes = spec.Probes.ToList();
        var neuromodulators = spec.Neuromodulators.ToList();
        // Who declared each neuromodulator first: a second declaration by a circuit is that circuit's error.
        var modulatorOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Neuromodulators.Count; i++) modulatorOwners.TryAdd(spec.Neuromodulators[i].Name, $"neuromodulators[{i}]");
        var instances = new Dictionary<string, CircuitInstance>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var firstUse = new Dictionary<string, int>(StringComparer.Ordinal);
        var populationIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Populations.Count; i++) populationIndex.TryAdd(spec.Populations[i].Name, i);

        for (var c = 0; c < spec.Circuits.Count; c++)
        {
            var circuit = spec.Circuits[c];
            var path = $"circuits[{c}]";
            var nameOk = true;
            if (!SpecChecks.IsIdentifier(circuit.Name))
            {
                errors.Add(new SpecError($"{path}.name", SpecChecks.NotAnIdentifier(circuit.Name)));
                nameOk = false;
            }
            else if (firstUse.TryGetValue(circuit.Name, out var earlier))
            {
                errors.Add(new SpecError($"{path}.name", $"'{circuit.Name}' is already the name of circuits[{earlier}]"));
                nameOk = false;
            }
            else if (populationIndex.TryGetValue(circuit.Name, out var clash))
            {
                errors.Add(new SpecError($"{path}.name", $"'{circuit.Name}' is already the name of a population (populations[{clash}]); circuits and populations share one namespace"));
                nameOk = false;
            }
            if (!string.IsNullOrEmpty(circuit.Name)) firstUse.TryAdd(circuit.Name, c);

            var model = SpecChecks.FindNamed(registry.Circuits, circuit.Type, $"{path}.type", "circuit", errors);
            var values = model is null ? null : SpecChecks.CheckParameters(model.Parameters, WithChoices(model, circuit, path, errors), $"{path}.params", errors);
            if (model is not null && values is not null)
            {
                var problems = model.Check(values).ToList();
                foreach (var problem in problems) errors.Add(new SpecError($"{path}.params.{problem.Parameter}", problem.Message));
                if (problems.Count > 0) values = null;
            }
            if (!nameOk || model is null || values is null)
            {
                if (!string.IsNullOrEmpty(circuit.Name) && !instances.ContainsKey(circuit.Name)) failed.Add(circuit.Name);
                continue;
            }

            var builder = new CircuitBuilder(circuit.Name, model.Ports, spec.Simulation.Dt.Value);
            try
            {
                model.Build(builder, values);
                builder.Complete();
            }
            catch (Exception e)
            {
                // A circuit is plugin code: whatever it throws becomes one error line naming the instance.
                errors.Add(new SpecError(path, $"circuit '{model.Name}' failed to build: {e.Message}"));
                failed.Add(circuit.Name);
                continue;
            }

            origins.Add(Section.Populations, c, circuit, builder.Populations.Select(p => p.Name));
            origins.Add(Section.Projections, c, circuit, builder.Projections.Select(p => p.DisplayName));
            origins.Add(Section.Stimuli, c, circuit, builder.Stimuli.Select(s => $"{s.Type} → {s.Target}"));
            origins.Add(Section.Probes, c, circuit, builder.Probes.Select(p => $"{p.Type} of {p.Population}"));
            for (var k = 0; k < builder.Neuromodulators.Count; k++)
            {
                var modulator = builder.Neuromodulators[k];
                if (modulatorOwners.TryGetValue(modulator.Name, out var owner))
                {
                    errors.Add(new SpecError($"{path}.neuromodulators[{k}].name",
                        $"circuit '{model.Name}' declares neuromodulator '{modulator.Name}', which {owner} already declares; a neuromodulator is global, so declare it once (remove one declaration, or leave it to the circuit and set its level through the circuit's parameters)"));
                    continue;
                }
                modulatorOwners.Add(modulator.Name, $"circuits[{c}] ('{circuit.Name}')");
                origins.AddOne(Section.Neuromodulators, c, k, circuit, modulator.Name);
                neuromodulators.Add(modulator);
            }
            for (var k = 0; k < builder.Populations.Count; k++) populationIndex.TryAdd(builder.Populations[k].Name, populations.Count + k);
            populations.AddRange(builder.Populations);
            projections.AddRange(builder.Projections);
            stimuli.AddRange(builder.Stimuli);
            probes.AddRange(builder.Probes);
            instances[circuit.Name] = new CircuitInstance(circuit.Name, model, builder.Bindings.ToDictionary(StringComparer.Ordinal));
        }

        var silenced = new List<string>();
        var resolver = new PortResolver(instances, failed, populationIndex, errors, silenced);
        for (var i = 0; i < spec.Projections.Count; i++)
        {
            var p = projections[i];
            projections[i] = p with
            {
                Source = resolver.Resolve(p.Source, $"projections[{i}].source", Use.Source),
                Target = resolver.Resolve(p.Target, $"projections[{i}].target", Use.Target),
            };
        }
        for (var i = 0; i < spec.Stimuli.Count; i++)
            stimuli[i] = stimuli[i] with { Target = resolver.Resolve(stimuli[i].Target, $"stimuli[{i}].target", Use.Target) };
        for (var i = 0; i < spec.Probes.Count; i++)
            probes[i] = probes[i] with { Population = resolver.Resolve(probes[i].Population, $"probes[{i}].population", Use.Probe) };

        var expanded = spec with
        {
            Populations = populations, Projections = projections, Stimuli = stimuli, Probes = probes,
            Neuromodulators = neuromodulators, Circuits = [],
        };
        return new CircuitExpansion(expanded, errors, [.. instances.Values], origins, silenced);
    }

    private enum Use { Source, Target, Probe }

    /// <summary>Rewrites <c>instance.port</c> (and checks <c>instance.population</c>) in the spec's own references.</summary>
    private sealed class PortResolver(
        Dictionary<string, CircuitInstance> instances, HashSet<string> failed, Dictionary<string, int> populations,
        List<SpecError> errors, List<string> silenced)
    {
        public string Resolve(string reference, string path, Use use)
        {
            if (string.IsNullOrEmpty(reference)) return reference;
            var dot = reference.IndexOf('.', StringComparison.Ordinal);
            var instanceName = dot < 0 ? reference : reference[..dot];
            if (failed.Contains(instanceName) && !populations.ContainsKey(reference))
            {
                // The instance already has an error; an "unknown population" on top would only repeat it.
                silenced.Add(path);
                return reference;
            }
            if (!instances.TryGetValue(instanceName, out var instance)) return reference;
            var ports = instance.Model.Ports;
            if (dot < 0)
            {
                errors.Add(new SpecError(path, $"'{reference}' is a circuit, not a population; name one of its ports (ports: {SpecChecks.List(ports.Select(p => $"{reference}.{p.Name}"))})"));
                silenced.Add(path);
                return reference;
            }
            var portName = reference[(dot + 1)..];
            if (instance.Model.FindPort(portName) is { } port)
            {
                var needed = use switch { Use.Source => PortDirection.Out, Use.Target => PortDirection.In, _ => port.Direction };
                if (port.Direction != needed)
                {
                    var what = use == Use.Source ? "a projection's source" : "a target";
                    var fitting = ports.Where(p => p.Direction == needed).Select(p => p.Name);
                    errors.Add(new SpecError(path,
                        $"port '{portName}' of circuit '{instance.Name}' is an {(port.Direction == PortDirection.In ? "input" : "output")}; {what} needs an {(needed == PortDirection.In ? "input" : "output")} port ({(needed == PortDirection.In ? "inputs" : "outputs")}: {SpecChecks.List(fitting)})"));
                }
                return instance.Ports[portName];
            }
            // Reaching inside by full name is allowed: bg.e is the population the circuit calls e.
            if (populations.ContainsKey(reference)) return reference;
            var hint = EditDistance.Closest(portName, ports.Select(p => p.Name));
            errors.Add(new SpecError(path, $"circuit '{instance.Name}' has no port '{portName}'{SpecChecks.Hint(hint)} (ports: {SpecChecks.List(ports.Select(p => p.Name))})"));
            silenced.Add(path);
            return reference;
        }
    }

    internal enum Section { Populations, Projections, Stimuli, Probes, Neuromodulators }

    /// <summary>Where each appended element came from, so errors about it point at its circuit.</summary>
    internal sealed partial class Origins(NetworkSpec spec)
    {
        private readonly int[] _own = [spec.Populations.Count, spec.Projections.Count, spec.Stimuli.Count, spec.Probes.Count, spec.Neuromodulators.Count];
        private readonly List<(int Circuit, int Local, string Type, string Element)>[] _built = [[], [], [], [], []];

        public void Add(Section section, int circuit, CircuitSpec spec, IEnumerable<string> elements)
        {
            var local = 0;
            foreach (var element in elements) AddOne(section, circuit, local++, spec, element);
        }

        /// <summary>Appends one element that is the circuit's <paramref name="local"/>-th of its section.</summary>
        public void AddOne(Section section, int circuit, int local, CircuitSpec spec, string element) =>
            _built[(int)section].Add((circuit, local, spec.Type, element));

        /// <summary>The error with its path moved from the expanded element to <c>circuits[i].section[local]</c>.</summary>
        public SpecError Locate(SpecError error)
        {
            var match = ElementPath().Match(error.Path);
            if (!match.Success) return error;
            var section = match.Groups[1].Value switch
            {
                "populations" => Section.Populations,
                "projections" => Section.Projections,
                "stimuli" => Section.Stimuli,
                "neuromodulators" => Section.Neuromodulators,
                _ => Section.Probes,
            };
            var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - _own[(int)section];
            if (index < 0 || index >= _built[(int)section].Count) return error;
            var (circuit, local, type, element) = _built[(int)section][index];
            return new SpecError($"circuits[{circuit}].{match.Groups[1].Value}[{local}]{match.Groups[3].Value}",
                $"{error.Message} (in '{element}', built by circuit '{type}')");
        }

        [GeneratedRegex(@"^(populations|projections|stimuli|probes|neuromodulators)\[(\d+)\](.*)$")]
        private static partial Regex ElementPath();
    }
}

/// <summary>The outcome of <see cref="CircuitExpander.Expand"/>.</summary>
public sealed class CircuitExpansion
{
    private readonly CircuitExpander.Origins _origins;
    private readonly IReadOnlyList<string> _silenced;

    internal CircuitExpansion(NetworkSpec spec, IReadOnlyList<SpecError> errors, IReadOnlyList<CircuitInstance> instances,
        CircuitExpander.Origins origins, IReadOnlyList<string> silenced)
    {
        Spec = spec;
        Errors = errors;
        Instances = instances;
        _origins = origins;
        _silenced = silenced;
    }

    /// <summary>The spec with every circuit expanded and no <see cref="NetworkSpec.Circuits"/> left.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>Problems with the circuit instances and with references to their ports.</summary>
    public IReadOnlyList<SpecError> Errors { get; }

    /// <summary>The instances that built, with their port bindings.</summary>
    public IReadOnlyList<CircuitInstance> Instances { get; }

    /// <summary>
    /// Maps an error found in the expanded spec back to the user's view: errors about built elements point at their
    /// circuit; null for an error that only repeats one of <see cref="Errors"/>.
    /// </summary>
    internal SpecError? Relate(SpecError error)
    {
        foreach (var path in _silenced)
            if (error.Path == path || error.Path.StartsWith(path + ".", StringComparison.Ordinal) || error.Path.StartsWith(path + "[", StringComparison.Ordinal))
                return null;
        return _origins.Locate(error);
    }
}

/// <summary>One built circuit instance.</summary>
/// <param name="Name">The instance name (the prefix).</param>
/// <param name="Model">The circuit.</param>
/// <param name="Ports">Port name → full name of the population it is bound to.</param>
public sealed record CircuitInstance(string Name, CircuitModel Model, IReadOnlyDictionary<string, string> Ports);
