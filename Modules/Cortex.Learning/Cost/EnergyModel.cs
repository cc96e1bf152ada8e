namespace Cortex.Learning.Cost;

/// <summary>
/// Energy per synaptic operation, from Horowitz, "Computing's energy problem (and what we can do about it)",
/// ISSCC 2014, 45 nm CMOS at 0.9 V: 32-bit float add 0.9 pJ and multiply 3.7 pJ; 32-bit integer add 0.1 pJ
/// and multiply 3.1 pJ; 8-bit integer add 0.03 pJ and multiply 0.2 pJ. A multiply-accumulate (MAC, a dense
/// input times a weight) costs a multiply plus an add; an accumulate (AC, a binary spike selecting a
/// weight) costs one add — the usual SNN energy estimate (e.g. Rathi &amp; Roy 2021; Yao et al. 2023).
/// Memory access and data movement are not counted, so the figure is the arithmetic's share only.
/// </summary>
public sealed record EnergyModel
{
    /// <summary>Where the figures come from, printed beside every estimate.</summary>
    public const string Source = "Horowitz, ISSCC 2014, 45 nm: fp32 add 0.9 pJ, mult 3.7 pJ; int32 add 0.1 pJ, mult 3.1 pJ; int8 add 0.03 pJ, mult 0.2 pJ";

    /// <summary>Energy of one MAC (pJ) with weights of <paramref name="bits"/> bits (null: 32-bit float).</summary>
    public static double MacPicojoules(int? bits) => Add(bits) + Multiply(bits);

    /// <summary>Energy of one AC (pJ) with weights of <paramref name="bits"/> bits (null: 32-bit float).</summary>
    public static double AcPicojoules(int? bits) => Add(bits);

    /// <summary>The arithmetic a weight of this width runs on: ≤ 8 bits as int8, 9–16 bits as int32, float as fp32.</summary>
    public static string Arithmetic(int? bits) => bits switch
    {
        null => "fp32",
        <= 8 => "int8",
        _ => "int32",
    };

    private static double Add(int? bits) => bits switch
    {
        null => 0.9,
        <= 8 => 0.03,
        _ => 0.1,
    };

    private static double Multiply(int? bits) => bits switch
    {
        null => 3.7,
        <= 8 => 0.2,
        _ => 3.1,
    };
}
