using Cortex.Models;
using Cortex.Partitioning;
using Cortex.Randomness;
using Cortex.Registry;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;

namespace Cortex.Compilation;

/// <summary>
/// Expands circuits, validates a spec and turns it into a <see cref="CompiledNetwork"/>: models and receptors
/// resolved, per-neuron parameters, connectivity and initial state drawn from the seed, neuromodulators listed, times
/// converted to steps. The same spec and seed give the same network whatever <c>threads</c> is.
/// </summary>
public sealed class NetworkCompiler(ComponentRegistry registry)
{
    /// <summary>
    /// Compiles <paramref name="spec"/>; <paramref name="source"/> names it in error messages. The result's
    /// <see cref="CompiledNetwork.Spec"/> is the spec with its circuits expanded.
    /// </summary>
    /// <exception cref="SpecValidationException">The spec has problems; all are listed.</exception>
    public CompiledNetwork Compile(NetworkSpec spec, int threads = 1, string? source = null) => Compile(spec, RankSelection.Whole, threads, source);

    /// <summary>
    /// Compiles the part of <paramref name="spec"/> that rank <paramref name="rank"/> runs (see <see cref="CompiledNetwork.Partition"/>):
    /// its neurons, and the synapses onto them drawn from the same per-row streams as on one process.
    /// </summary>
    /// <exception cref="SpecValidationException">The spec has problems, or a population has fewer neurons than there are ranks.</exception>
    public CompiledNetwork Compile(NetworkSpec spec, RankSelection rank, int threads = 1, string? source = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentNullException.ThrowIfNull(rank);
        spec = new SpecValidator(registry).ExpandAndThrowIfInvalid(spec, source);
        var partition = rank.Ranks > 1 ? new NeuronPartition(rank, [.. spec.Populations.Select(p => p.Size)]) : null;
        if (partition?.FirstTooSmallPopulation() is { } tooSmall)
            throw new SpecValidationException([new SpecError($"populations[{tooSmall}].size",
                $"'{spec.Populations[tooSmall].Name}' has {spec.Populations[tooSmall].Size} neuron(s), fewer than the {partition.Ranks} ranks " +
                $"(neurons are dealt round-robin, each rank needs one of every population); run on at most {spec.Populations.Min(p => p.Size)} ranks")], source);

        var dt = spec.Simulation.Dt.Value;
        var seed = spec.Simulation.Seed;
        var steps = (long)Math.Round(spec.Simulation.Duration.Value / dt);
        var populationIndex = spec.Populations.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var receptors = spec.Populations.Select(_ => new List<CompiledReceptor>()).ToArray();

        int ReceptorFor(string target, SynapseSpec synapse)
        {
            var list = receptors[populationIndex[target]];
            var existing = list.FindIndex(r => r.Port == synapse.Port);
            if (existing >= 0) return existing;
            var model = registry.SynapseModels[synapse.Model];
            var population = populationIndex[target];
            list.Add(new CompiledReceptor
            {
                Port = synapse.Port, Index = list.Count, Model = model,
                Parameters = new ParameterValues(model.Parameters, synapse.Params.ToDictionary(p => p.Key, p => p.Value.Value)),
                InitialState = ReceptorInitialState(spec.Populations[population], population, list.Count, synapse.Port, model, seed),
            });
            return list.Count - 1;
        }

        var projections = new List<CompiledProjection>();
        for (var i = 0; i < spec.Projections.Count; i++)
        {
            var p = spec.Projections[i];
            var sourceIndex = populationIndex[p.Source];
            var targetIndex = populationIndex[p.Target];
            var table = new ConnectivityBuilder(seed, i, dt, threads, partition).Build(
                p, spec.Populations[sourceIndex].Size, spec.Populations[targetIndex].Size, sourceIndex == targetIndex);
            var grid = p.WeightPrecision == WeightPrecision.Grid16 ? RoundOntoGrid(table.Weights, rank, partition) : null;
            projections.Add(new CompiledProjection
            {
                Name = p.DisplayName, Source = sourceIndex, Target = targetIndex,
                Receptor = ReceptorFor(p.Target, p.Synapse), Table = table, WeightGrid = grid,
                Plasticity = p.Plasticity is { } plasticity ? ResolvePlasticity(plasticity) : null,
            });
        }

        var stimuli = new List<CompiledStimulus>();
        for (var i = 0; i < spec.Stimuli.Count; i++)
        {
            var s = spec.Stimuli[i];
            var target = populationIndex[s.Target];
            var neurons = LocalNeurons(s.Indices?.ToArray() ?? Enumerable.Range(0, spec.Populations[target].Size).ToArray(), partition);
            long ToStep(Quantity? t, long fallback) => t is { } q ? (long)Math.Round(q.Value / dt) : fallback;
            stimuli.Add(s switch
            {
                DcStimulus dc => new CompiledDc
                {
                    Population = target, Neurons = neurons, Index = i, Amplitude = (float)dc.Amplitude.Value,
                    StartStep = ToStep(dc.Start, 0), StopStep = ToStep(dc.Stop, steps),
                },
                PoissonStimulus poisson => new CompiledPoisson
                {
                    Population = target, Neurons = neurons, Index = i, Receptor = ReceptorFor(s.Target, poisson.Synapse),
                    MeanPerStep = poisson.Rate.Value * dt * 1e-3, Weight = (float)poisson.Weight.Value,
                    StartStep = ToStep(poisson.Start, 0), StopStep = ToStep(poisson.Stop, steps),
                },
                SpikeTimesStimulus times => new CompiledSpikeTimes
                {
                    Population = target, Neurons = neurons, Index = i, Receptor = ReceptorFor(s.Target, times.Synapse),
                    Steps = [.. times.Times.Select(t => (long)Math.Round(t.Value / dt)).Order()], Weight = (float)times.Weight.Value,
                },
                _ => throw new NotSupportedException($"stimuli[{i}]: {s.Type}"),
            });
        }

        var populations = spec.Populations.Select((p, i) => CompilePopulation(p, i, seed, dt, receptors[i])).ToList();
        var stateProbes = StateProbes(spec, populations, populationIndex, dt);
        if (partition is not null) populations = [.. populations.Select(p => LocalPart(p, partition))];
        var delays = projections.Where(p => p.Table.Count > 0).Select(p => (Min: (int)p.Table.DelaySteps.Min(), Max: (int)p.Table.DelaySteps.Max())).ToList();
        var (minDelay, maxDelay) = delays.Count == 0 ? (int.MaxValue, 0) : (delays.Min(d => d.Min), delays.Max(d => d.Max));
        // Every rank must cut the run into the same epochs: the shortest delay anywhere bounds them.
        if (rank.AgreeOnDelays is { } agree && partition is not null) (minDelay, maxDelay) = agree((minDelay, maxDelay));

        return new CompiledNetwork
        {
            Spec = spec, Dt = dt, Steps = steps, Seed = seed,
            Populations = populations, Projections = projections, Stimuli = stimuli,
            Neuromodulators = Neuromodulators(spec, populations, projections, dt),
            SpikeRecordMasks = [.. SpikeMasks(spec, populationIndex).Select(m => m is null || partition is null ? m : partition.Slice(m))],
            StateProbes = [.. stateProbes.Select(p => partition is null ? p : LocalPart(p, partition))],
            MinDelaySteps = minDelay == int.MaxValue ? 1 : minDelay,
            MaxDelaySteps = maxDelay == 0 ? 1 : maxDelay,
            Partition = partition,
        };
    }

    // The 16-bit grid spans the whole projection's weights: on one rank of several, the ranks agree on the range first.
    private static WeightGrid RoundOntoGrid(float[] weights, RankSelection rank, NeuronPartition? partition)
    {
        if (partition is null || rank.AgreeOnWeightRange is not { } agree) return WeightGrid.RoundOnto(weights);
        var (min, max) = agree(WeightGrid.Range(weights));
        return WeightGrid.RoundOnto(weights, min, max);
    }

    // The listed neurons this rank holds, as local indices, in the listed order.
    private static int[] LocalNeurons(int[] neurons, NeuronPartition? partition) =>
        partition is null ? neurons : [.. neurons.Where(partition.Owns).Select(partition.ToLocal)];

    private static CompiledStateProbe LocalPart(CompiledStateProbe probe, NeuronPartition partition) => new()
    {
        Population = probe.Population, Variable = probe.Variable, VariableName = probe.VariableName, Unit = probe.Unit,
        Neurons = LocalNeurons(probe.Neurons, partition), IntervalSteps = probe.IntervalSteps,
    };

    // A population cut down to this rank's neurons: every per-neuron array is drawn for the whole population first (the
    // streams are per population), then sliced, so values do not depend on the rank count.
    private static CompiledPopulation LocalPart(CompiledPopulation p, NeuronPartition partition)
    {
        foreach (var receptor in p.Receptors.Where(r => r.InitialState is not null))
            for (var v = 0; v < receptor.InitialState!.Length; v++)
                if (receptor.InitialState[v] is { } values && values.Length == p.Size) receptor.InitialState[v] = partition.Slice(values);
        return new CompiledPopulation
        {
            Name = p.Name, Index = p.Index, Size = partition.LocalSize(p.Index), Model = p.Model, Parameters = p.Parameters,
            PerNeuronParameters = p.PerNeuronParameters.ToDictionary(e => e.Key, e => partition.Slice(e.Value), StringComparer.Ordinal),
            InitialState = [.. p.InitialState.Select(v => partition.Slice(v))], Receptors = p.Receptors,
            Positions = p.Positions is { } xyz ? partition.Slice(xyz, 3) : null,
        };
    }

    private CompiledPlasticity ResolvePlasticity(PlasticitySpec spec)
    {
        var rule = registry.PlasticityRules[spec.Rule];
        return new CompiledPlasticity(rule, new ParameterValues(rule.Parameters, spec.Params.ToDictionary(p => p.Key, p => p.Value.Value)));
    }

    private CompiledPopulation CompilePopulation(PopulationSpec p, int index, ulong seed, double dt, List<CompiledReceptor> receptors)
    {
        var model = registry.NeuronModels[p.Model];
        // Shared values hold constants, and for drawn parameters the distribution's mean as a stand-in (ValueSampler.Placeholder).
        var shared = new Dictionary<string, double>(StringComparer.Ordinal);
        var perNeuron = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var k = 0; k < model.Parameters.Count; k++)
        {
            var name = model.Parameters[k].Name;
            if (!p.Params.TryGetValue(name, out var value)) continue;
            shared[name] = ValueSampler.Placeholder(value);
            if (value is not ConstantValue) perNeuron[name] = ValueSampler.DrawParameter(value, p.Size, seed, index, k);
        }
        var parameters = new ParameterValues(model.Parameters, shared);
        var setup = new NeuronGroupSetup(parameters, p.Size, dt) { PerNeuron = perNeuron };

        var initial = new float[model.StateVariables.Count][];
        var needDefaults = false;
        for (var v = 0; v < initial.Length; v++)
        {
            initial[v] = new float[p.Size];
            if (!p.Initial.TryGetValue(model.StateVariables[v].Name, out var value))
            {
                needDefaults = true;
                continue;
            }
            var random = SeededRandom.Create(seed, StreamDomain.InitialState, index, v);
            for (var n = 0; n < p.Size; n++) initial[v][n] = (float)ValueSampler.Sample(value, ref random);
        }
        if (needDefaults) FillDefaults(p, model, setup, initial);
        return new CompiledPopulation
        {
            Name = p.Name, Index = index, Size = p.Size, Model = model, Parameters = parameters, PerNeuronParameters = perNeuron,
            InitialState = initial, Receptors = receptors, Positions = Positions(p, index, seed),
        };
    }

    // Variables the spec leaves unset start at the model's default, for each neuron's own parameters when some are drawn.
    private static void FillDefaults(PopulationSpec p, NeuronModel model, NeuronGroupSetup setup, float[][] initial)
    {
        var unset = Enumerable.Range(0, initial.Length).Where(v => !p.Initial.ContainsKey(model.StateVariables[v].Name)).ToArray();
        if (setup.PerNeuron.Count == 0)
        {
            var defaults = model.DefaultInitialState(setup.Parameters);
            foreach (var v in unset) Array.Fill(initial[v], (float)defaults[v]);
            return;
        }
        for (var n = 0; n < p.Size; n++)
        {
            var defaults = model.DefaultInitialState(setup.ValuesOf(n));
            foreach (var v in unset) initial[v][n] = (float)defaults[v];
        }
    }

    // "port.variable" entries of a population's initial state, drawn per neuron; null when the spec sets none for this receptor.
    private static float[]?[]? ReceptorInitialState(PopulationSpec p, int population, int receptor, string port, SynapseModel model, ulong seed)
    {
        float[]?[]? result = null;
        for (var v = 0; v < model.StateVariables.Count; v++)
        {
            if (!p.Initial.TryGetValue($"{port}.{model.StateVariables[v].Name}", out var value)) continue;
            result ??= new float[]?[model.StateVariables.Count];
            var random = SeededRandom.Create(seed, StreamDomain.ReceptorState, population, receptor * 65536L + v);
            var values = new float[p.Size];
            for (var n = 0; n < p.Size; n++) values[n] = (float)ValueSampler.Sample(value, ref random);
            result[v] = values;
        }
        return result;
    }

    // Declared ones first, in spec order; then every name a model or rule reads, in order of first appearance.
    private static List<CompiledNeuromodulator> Neuromodulators(NetworkSpec spec, List<CompiledPopulation> populations, List<CompiledProjection> projections, double dt)
    {
        var result = new List<CompiledNeuromodulator>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in spec.Neuromodulators)
            if (known.Add(n.Name))
                result.Add(new CompiledNeuromodulator(n.Name, result.Count, (float)n.Baseline, n.Tau is { } tau ? (float)Math.Exp(-dt / tau.Value) : 1f));
        var read = populations.SelectMany(p => p.Model.Neuromodulators)
            .Concat(projections.SelectMany(p => p.Plasticity?.Rule.Neuromodulators ?? []));
        foreach (var name in read)
            if (known.Add(name)) result.Add(new CompiledNeuromodulator(name, result.Count, 0f, 1f));
        return result;
    }

    private static float[]? Positions(PopulationSpec p, int index, ulong seed)
    {
        if (p.Positions is not { } positions) return null;
        var xyz = new float[p.Size * 3];
        if (positions.Points is { } points)
        {
            for (var n = 0; n < p.Size; n++) (xyz[3 * n], xyz[3 * n + 1], xyz[3 * n + 2]) = ((float)points[n].X, (float)points[n].Y, (float)points[n].Z);
            return xyz;
        }
        var (min, max) = (positions.BoxMin!.Value, positions.BoxMax!.Value);
        var random = SeededRandom.Create(seed, StreamDomain.Positions, index);
        for (var n = 0; n < p.Size; n++)
        {
            xyz[3 * n] = (float)(min.X + (max.X - min.X) * random.NextDouble());
            xyz[3 * n + 1] = (float)(min.Y + (max.Y - min.Y) * random.NextDouble());
            xyz[3 * n + 2] = (float)(min.Z + (max.Z - min.Z) * random.NextDouble());
        }
        return xyz;
    }

    private static List<bool[]?> SpikeMasks(NetworkSpec spec, Dictionary<string, int> populationIndex)
    {
        var masks = spec.Populations.Select(_ => (bool[]?)null).ToList();
        foreach (var probe in spec.Probes.OfType<SpikeProbe>())
        {
            var index = populationIndex[probe.Population];
            var mask = masks[index] ??= new bool[spec.Populations[index].Size];
            if (probe.Indices is null) Array.Fill(mask, true);
            else foreach (var n in probe.Indices) mask[n] = true;
        }
        return masks;
    }

    private static List<CompiledStateProbe> StateProbes(NetworkSpec spec, List<CompiledPopulation> populations, Dictionary<string, int> populationIndex, double dt) =>
        [.. spec.Probes.OfType<StateProbe>().Select(probe =>
        {
            var population = populations[populationIndex[probe.Population]];
            var variable = population.Model.IndexOfVariable(probe.Variable);
            return new CompiledStateProbe
            {
                Population = population.Index, Variable = variable, VariableName = probe.Variable,
                Unit = UnitTable.InternalSymbol(population.Model.StateVariables[variable].Dimension),
                Neurons = probe.Indices?.ToArray() ?? Enumerable.Range(0, population.Size).ToArray(),
                IntervalSteps = Math.Max(1, (int)Math.Round((probe.Interval?.Value ?? dt) / dt)),
            };
        })];
}
