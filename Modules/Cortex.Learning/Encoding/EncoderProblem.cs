namespace Cortex.Learning.Encoding;

/// <summary>A reason an encoder does not fit the model: the <c>model</c> key at fault (e.g. "steps") and why.</summary>
/// <param name="Key">The key of the <c>model</c> object the error names.</param>
/// <param name="Message">What is wrong and what would fit.</param>
public sealed record EncoderProblem(string Key, string Message);
