using Cortex.Learning.Surrogates;

namespace Cortex.Learning.Registry;

/// <summary>A surrogate gradient available under <see cref="Name"/>; <see cref="Create"/> takes α, or null for the default.</summary>
public sealed record SurrogateRegistration(string Name, string Description, Func<double?, SurrogateGradient> Create);
