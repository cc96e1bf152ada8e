using Cortex.Units;

namespace Cortex.Spec;

/// <summary>A value that is either a constant or drawn per element from a distribution.</summary>
public abstract record ValueSpec
{
    /// <summary>The dimension every quantity in it must share.</summary>
    public abstract IEnumerable<Quantity> Quantities { get; }

    /// <summary>Converts a quantity into a constant value spec.</summary>
    public static implicit operator ValueSpec(Quantity value) => new ConstantValue(value);

    /// <summary>Same as the implicit conversion, for languages without it.</summary>
    public static ValueSpec FromQuantity(Quantity value) => new ConstantValue(value);
}

/// <summary>The same value everywhere.</summary>
public sealed record ConstantValue(Quantity Value) : ValueSpec
{
    /// <inheritdoc />
    public override IEnumerable<Quantity> Quantities => [Value];
}

/// <summary>Uniform on [Low, High).</summary>
public sealed record UniformValue(Quantity Low, Quantity High) : ValueSpec
{
    /// <inheritdoc />
    public override IEnumerable<Quantity> Quantities => [Low, High];
}

/// <summary>Normal with mean and standard deviation, optionally redrawn until inside [Min, Max].</summary>
public sealed record NormalValue(Quantity Mean, Quantity Std, Quantity? Min = null, Quantity? Max = null) : ValueSpec
{
    /// <inheritdoc />
    public override IEnumerable<Quantity> Quantities =>
        new[] { Mean, Std }.Concat(Min is { } lo ? [lo] : []).Concat(Max is { } hi ? [hi] : []);
}
