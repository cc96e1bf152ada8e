namespace Cortex.Spec;

/// <summary>How source and target neurons of a projection are paired.</summary>
public abstract record ConnectorSpec
{
    /// <summary>The connector's name in JSON.</summary>
    public abstract string Type { get; }
}

/// <summary>Every source to every target.</summary>
public sealed record AllToAllConnector(bool AllowAutapses = true) : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "all_to_all";
}

/// <summary>Source i to target i; both populations must have the same size.</summary>
public sealed record OneToOneConnector : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "one_to_one";
}

/// <summary>Each pair independently with probability P.</summary>
public sealed record FixedProbabilityConnector(double P, bool AllowAutapses = true) : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "fixed_probability";
}

/// <summary>Each target receives exactly K inputs drawn from the source population.</summary>
public sealed record FixedInDegreeConnector(int K, bool AllowAutapses = true, bool AllowMultapses = true) : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "fixed_indegree";
}

/// <summary>Each source sends exactly K outputs to targets drawn from the target population.</summary>
public sealed record FixedOutDegreeConnector(int K, bool AllowAutapses = true, bool AllowMultapses = true) : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "fixed_outdegree";
}

/// <summary>An explicit list of connections; per-connection weight or delay override the projection's.</summary>
public sealed record ExplicitConnector(IReadOnlyList<ExplicitConnection> Connections) : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "list";
}

/// <summary>One explicit connection.</summary>
public sealed record ExplicitConnection(int Source, int Target, Units.Quantity? Weight = null, Units.Quantity? Delay = null);

/// <summary>
/// Exactly N synapses between the two populations, each pair drawn uniformly with replacement (multapses allowed), as
/// NEST's <c>fixed_total_number</c>; without autapses a neuron never connects to itself within one population.
/// </summary>
public sealed record FixedTotalNumberConnector(long N, bool AllowAutapses = true) : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "fixed_total_number";
}
