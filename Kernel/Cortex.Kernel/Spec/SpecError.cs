namespace Cortex.Spec;

/// <summary>One problem in a spec: where (a JSON-style path such as <c>populations[1].params.tau_m</c>) and why.</summary>
public sealed record SpecError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A spec that cannot be used; lists every problem at once so the user fixes them in one pass.</summary>
public sealed class SpecValidationException : Exception
{
    /// <summary>Creates the exception from the collected problems.</summary>
    public SpecValidationException(IReadOnlyList<SpecError> errors, string? source = null)
        : base(Format(errors, source)) => Errors = errors;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SpecError> Errors { get; }

    /// <summary>The most problems the message lists; a generated spec can hold millions, and a user fixes the first ones first.</summary>
    public const int MaxListed = 50;

    private static string Format(IReadOnlyList<SpecError> errors, string? source)
    {
        var head = FormattableString.Invariant($"{(source is null ? "the spec" : source)} has {errors.Count:N0} error{(errors.Count == 1 ? "" : "s")}:");
        var listed = head + string.Concat(errors.Take(MaxListed).Select(e => $"{Environment.NewLine}  {e}"));
        return errors.Count > MaxListed ? listed + FormattableString.Invariant($"{Environment.NewLine}  … and {errors.Count - MaxListed:N0} more") : listed;
    }
}

/// <summary>A spec file that is not well-formed JSON; the message gives line and column.</summary>
public sealed class SpecFormatException(string message, Exception? inner = null) : Exception(message, inner);
