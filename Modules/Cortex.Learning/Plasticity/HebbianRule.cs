namespace Cortex.Learning.Plasticity;

/// <summary>
/// How the Hebbian trace of a plastic connection j → i follows presynaptic activity y_{t−1,j} and postsynaptic
/// activity y_{t,i} (Miconi, Clune &amp; Stanley 2018, eqs. 2 and 3). η is the layer's learned plasticity rate.
/// </summary>
public enum HebbianRule
{
    /// <summary>Hebb ← (1 − η)·Hebb + η·y_{t,i}·y_{t−1,j}: a running average of coincidences that forgets at rate η (the paper's default).</summary>
    Decaying,

    /// <summary>Oja's rule, Hebb ← Hebb + η·y_{t,i}·(y_{t−1,j} − y_{t,i}·Hebb): stays bounded without a decay term, so it can hold a trace longer.</summary>
    Oja,
}
