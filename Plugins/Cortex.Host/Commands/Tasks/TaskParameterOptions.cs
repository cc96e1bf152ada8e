namespace Cortex.Host.Commands.Tasks;

/// <summary>
/// Reads task parameters written as options, <c>--neurons 100</c> or <c>--dataset=fashion</c>, into the <c>name=value</c>
/// form of <c>--set</c>; the task then checks the names and values.
/// </summary>
internal static class TaskParameterOptions
{
    /// <summary>The settings the tokens give.</summary>
    /// <exception cref="UsageException">A token is not an option, or an option has no value.</exception>
    public static IReadOnlyList<string> ToSettings(IReadOnlyList<string> tokens)
    {
        var settings = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
                throw new UsageException($"unexpected argument '{token}' (task parameters are written --NAME VALUE; see 'cortex tasks')");
            var option = token[2..];
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                settings.Add(option);
                continue;
            }
            if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"--{option} needs a value, e.g. --{option} 100 (see 'cortex tasks')");
            settings.Add($"{option}={tokens[++i]}");
        }
        return settings;
    }
}
