using Cortex.Learning.Encoding;

namespace Cortex.Learning.Registry;

/// <summary>An input encoder available under <see cref="Name"/>, built from its configuration object.</summary>
public sealed record EncoderRegistration(string Name, string Description, Func<ConfigNode, ISpikeEncoder> Create);
