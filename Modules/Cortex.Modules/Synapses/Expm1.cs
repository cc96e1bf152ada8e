namespace Cortex.Modules.Synapses;

/// <summary>e^x − 1 to full double precision also for small |x| (.NET's double.ExpM1 is computed as Exp(x) − 1).</summary>
internal static class Expm1
{
    /// <summary>
    /// e^x − 1 by Kahan's method: with u = fl(e^x), (u − 1)·x/ln u is accurate to a few ulps for every x
    /// (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §1.14.1).
    /// </summary>
    public static double Of(double x)
    {
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1) return -1;
        return double.IsInfinity(u) ? u : um1 * x / Math.Log(u);
    }
}
