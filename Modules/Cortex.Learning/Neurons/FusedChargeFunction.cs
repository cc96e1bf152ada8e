using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Neurons;

/// <summary>
/// The whole sequence of a neuron layer with a <see cref="FixedCharge"/> as one autograd node. The forward
/// loops over time in C# and keeps only the charges h[t]; the backward runs the BPTT recurrence
/// g_h[t] = g_s[t]·σ'(h[t] − θ) + g_v[t]·∂v[t]/∂h[t], g_v[t−1] = ∂h/∂v·g_h[t], g_x[t] = ∂h/∂x·g_h[t] in one reverse
/// pass, with σ' evaluated once for all steps by the surrogate. This replaces ~10 graph nodes per time step
/// (what <see cref="SpikingNeuron"/> builds otherwise) and gives the same spikes and gradients.
/// </summary>
internal sealed class FusedChargeFunction : autograd.SingleTensorFunction<FusedChargeFunction>
{
    private const string SettingsKey = "settings";

    public override string Name => "FusedSpikingCharge";

    /// <summary>Runs the layer: <paramref name="input"/> [T, …] → spikes [T, …]; the final membrane goes to <paramref name="settings"/>.</summary>
    public static Tensor Run(Tensor input, FusedChargeSettings settings) => apply(input, settings);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var settings = (FusedChargeSettings)vars[1];
        using var x = ((Tensor)vars[0]).to(float32).contiguous();
        var steps = (int)x.shape[0];
        var width = (int)(x.numel() / Math.Max(1, steps));
        var charges = empty_like(x);
        var spikes = empty_like(x);
        var membrane = full(x.shape[1..], settings.Options.VLeak, float32);
        Forward(Floats(x), Floats(charges), Floats(spikes), Floats(membrane), steps, width, settings);
        settings.FinalMembrane = membrane;
        ctx.save_for_backward([charges]);
        ctx.save_data(SettingsKey, settings);
        return spikes;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var settings = (FusedChargeSettings)ctx.get_data(SettingsKey);
        var charges = ctx.get_saved_variables()[0];
        var steps = (int)charges.shape[0];
        var width = (int)(charges.numel() / Math.Max(1, steps));
        using var distance = charges - settings.Options.Threshold;
        using var slope = settings.Options.Surrogate.Derivative(distance).to(float32).contiguous();
        using var gradSpikes = grad_output.to(float32).contiguous();
        var gradInput = empty_like(charges);
        Backward(Floats(charges), Floats(slope), Floats(gradSpikes), Floats(gradInput), steps, width, settings);
        return [gradInput, null!];
    }

    // A view of a contiguous float32 tensor's storage (libtorch's buffer, not a copy).
    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);

    internal static void Forward(ReadOnlySpan<float> x, Span<float> h, Span<float> s, Span<float> v, int steps, int width, FusedChargeSettings settings)
    {
        var chargeOf = settings.Charge;
        var threshold = (float)settings.Options.Threshold;
        var vReset = (float)settings.Options.VReset;
        var subtract = settings.Options.Reset == ResetMode.Subtract;
        for (var t = 0; t < steps; t++)
        {
            var row = t * width;
            for (var i = 0; i < width; i++)
            {
                var charge = chargeOf.Apply(v[i], x[row + i]);
                // The same float operations as the per-step graph, so both paths give identical spikes.
                var spike = charge - threshold >= 0 ? 1f : 0f;
                h[row + i] = charge;
                s[row + i] = spike;
                v[i] = subtract ? charge - spike * threshold : charge * (1 - spike) + spike * vReset;
            }
        }
    }

    private static void Backward(ReadOnlySpan<float> h, ReadOnlySpan<float> slope, ReadOnlySpan<float> gradSpikes, Span<float> gradInput,
        int steps, int width, FusedChargeSettings settings)
    {
        var a = settings.Charge.MembraneSlope;
        var b = settings.Charge.InputSlope;
        var threshold = (float)settings.Options.Threshold;
        var vReset = (float)settings.Options.VReset;
        var subtract = settings.Options.Reset == ResetMode.Subtract;
        var detach = settings.Options.DetachReset;
        var gradV = new float[width];
        for (var t = steps - 1; t >= 0; t--)
        {
            var row = t * width;
            for (var i = 0; i < width; i++)
            {
                var charge = h[row + i];
                var sigma = slope[row + i];
                var spike = charge - threshold >= 0 ? 1f : 0f;
                // ∂v/∂h of the reset: through (1 − s) and, unless detached, through s itself.
                var dvdh = subtract
                    ? (detach ? 1f : 1f - threshold * sigma)
                    : (detach ? 1f - spike : 1f - spike + (vReset - charge) * sigma);
                var gradH = gradSpikes[row + i] * sigma + gradV[i] * dvdh;
                gradInput[row + i] = b * gradH;
                gradV[i] = a * gradH;
            }
        }
    }
}

/// <summary>What the fused kernel needs from the layer; also carries the final membrane back out.</summary>
internal sealed class FusedChargeSettings(FixedCharge charge, NeuronOptions options)
{
    public FixedCharge Charge { get; } = charge;

    public NeuronOptions Options { get; } = options;

    public Tensor? FinalMembrane { get; set; }
}
