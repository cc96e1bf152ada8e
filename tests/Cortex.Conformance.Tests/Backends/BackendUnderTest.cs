using Cortex.Backends;

namespace Cortex.Conformance.Tests.Backends;

/// <summary>A registered backend as the suite runs it: the options it gets and the tolerance it is held to.</summary>
public sealed record BackendUnderTest(IBackend Backend, BackendOptions Options, Tolerance Tolerance)
{
    /// <summary>The backend's registered name.</summary>
    public string Name => Backend.Name;
}
