namespace Cortex.Models;

/// <summary>When a rule's per-synapse <see cref="ISynapticRule{TSynapse, TPre, TPost, TParams}.Update"/> runs.</summary>
public enum PlasticitySchedule
{
    /// <summary>Never: the rule changes synapses only in its event hooks (pair STDP, STP).</summary>
    EventsOnly,
    /// <summary>Just before a synapse's next event or a weight read, with the steps elapsed since its last update.</summary>
    Lazy,
    /// <summary>Every step for every synapse (e.g. eligibility × dopamine integrated continuously).</summary>
    EveryStep,
}

/// <summary>
/// A plasticity rule as the registries see it. Derive from
/// <see cref="PlasticityRule{TSynapse, TPre, TPost, TParams, TRule}"/>; backends reach the concrete types through
/// <see cref="Accept{TResult}"/>.
/// </summary>
public abstract class PlasticityRule
{
    /// <summary>The name specs use (e.g. "stdp").</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings.</summary>
    public abstract string Description { get; }

    /// <summary>The parameters.</summary>
    public abstract IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>Cross-parameter checks (e.g. w_min ≤ w_max).</summary>
    public virtual IEnumerable<ParameterProblem> Check(ParameterValues values) => [];

    /// <summary>The neuromodulators the rule reads, in the order <see cref="RuleContext.Neuromodulators"/> gives them.</summary>
    public virtual IReadOnlyList<string> Neuromodulators => [];

    /// <summary>When the per-synapse update runs.</summary>
    public virtual PlasticitySchedule Schedule => PlasticitySchedule.EventsOnly;

    /// <summary>Why the rule cannot act on synapses of <paramref name="receptor"/>, or null when it can.</summary>
    public virtual string? Refuses(SynapseModel receptor) => null;

    /// <summary>
    /// True when the rule reads the postsynaptic membrane potential (its dynamics implement
    /// <see cref="IVoltageReadingRule{TPost, TParams}"/>): its target population's model must then have one (<see cref="NeuronModel.HasVoltage"/>).
    /// </summary>
    public virtual bool ReadsPostVoltage => false;

    /// <summary>Calls back <paramref name="visitor"/> with the rule's concrete types.</summary>
    public abstract TResult Accept<TResult>(IPlasticityRuleVisitor<TResult> visitor);
}

/// <summary>Receives a plasticity rule with its concrete state and dynamics types (how backends build their loops).</summary>
public interface IPlasticityRuleVisitor<out TResult>
{
    /// <summary>Called with the rule.</summary>
    TResult Visit<TSynapse, TPre, TPost, TParams, TRule>(PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> rule)
        where TSynapse : unmanaged
        where TPre : unmanaged
        where TPost : unmanaged
        where TParams : unmanaged
        where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>;
}

/// <summary>Base class for a rule written as state structs and a dynamics struct: supply <see cref="Prepare"/>.</summary>
public abstract class PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> : PlasticityRule
    where TSynapse : unmanaged
    where TPre : unmanaged
    where TPost : unmanaged
    where TParams : unmanaged
    where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
{
    /// <summary>Prepares the rule for time step <paramref name="dt"/> (ms); weights are in the projection's internal weight unit.</summary>
    public abstract TParams Prepare(ParameterValues values, double dt);

    /// <summary>The state every synapse starts in.</summary>
    public virtual TSynapse InitialSynapse(in TParams parameters) => default;

    /// <summary>The state every presynaptic neuron starts in.</summary>
    public virtual TPre InitialPre(in TParams parameters) => default;

    /// <summary>The state every postsynaptic neuron starts in.</summary>
    public virtual TPost InitialPost(in TParams parameters) => default;

    /// <inheritdoc />
    public sealed override bool ReadsPostVoltage => default(TRule) is IVoltageReadingRule<TPost, TParams>;

    /// <inheritdoc />
    public sealed override TResult Accept<TResult>(IPlasticityRuleVisitor<TResult> visitor) => visitor.Visit(this);
}
