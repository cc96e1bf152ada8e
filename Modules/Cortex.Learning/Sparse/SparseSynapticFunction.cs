using System.Numerics;
using System.Runtime.InteropServices;
using Cortex.Learning.Neurons;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Sparse;

/// <summary>
/// A linear layer and the LIF/IF layer it feeds as one autograd node whose backward touches only active entries
/// (Perez-Nieves &amp; Goodman 2021). With the reset ignored in the gradient, h[t] = a·v[t−1] + b·(W·x[t] + c), so
/// δ[t] = g_s[t]·σ'(h[t] − θ) (zero outside the band) gives
/// ∂L/∂W = b·Σ_t δ[t]ᵀ·E[t] with the input trace E[t] = x[t] + a·E[t−1],
/// ∂L/∂c = b·Σ_t δ[t]·(1 + a + … + aᵗ), and ∂L/∂x[t] = b·Σ_{τ≥t} a^{τ−t}·Wᵀδ[τ] (a reverse filter of Wᵀδ).
/// Each sum runs over the non-zero entries of δ only: the dense pass's two matrix products over T·B rows become
/// O(active · inputs) row updates. The result equals the dense BPTT gradient of the same layers with the same
/// band-limited surrogate, subtract reset and detached reset (tests compare them).
/// </summary>
internal sealed class SparseSynapticFunction : autograd.SingleTensorFunction<SparseSynapticFunction>
{
    private const string SettingsKey = "settings";

    // Multiply-adds (active entries × inputs) below which the row updates run on the calling thread.
    private const long ParallelWork = 1L << 20;

    public override string Name => "SparseSynapticSpiking";

    /// <summary>Input [T, B, in], weight [out, in], bias [out] → spikes [T, B, out].</summary>
    public static Tensor Run(Tensor input, Tensor weight, Tensor bias, SparseSynapticSettings settings)
    {
        settings.InputNeedsGradient = input.requires_grad;
        settings.BiasNeedsGradient = bias.requires_grad;
        return apply(input, weight, bias, settings);
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var weight = (Tensor)vars[1];
        var bias = (Tensor)vars[2];
        var settings = (SparseSynapticSettings)vars[3];
        var steps = input.shape[0];
        var batch = input.shape[1];
        using var currents = Currents(input, weight, bias, steps);
        var width = (int)(currents.numel() / Math.Max(1, steps));
        var charges = empty_like(currents);
        var spikes = empty_like(currents);
        var membrane = full([batch, weight.shape[0]], settings.Neuron.VLeak, float32);
        FusedChargeFunction.Forward(Floats(currents), Floats(charges), Floats(spikes), Floats(membrane), (int)steps, width,
            new FusedChargeSettings(settings.Charge, settings.Neuron));
        settings.FinalMembrane = membrane;
        ctx.save_for_backward([input, weight, charges]);
        ctx.save_data(SettingsKey, settings);
        return spikes;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var settings = (SparseSynapticSettings)ctx.get_data(SettingsKey);
        var saved = ctx.get_saved_variables();
        var (input, weight, charges) = (saved[0], saved[1], saved[2]);
        var steps = (int)charges.shape[0];
        var batch = (int)charges.shape[1];
        var outputs = (int)charges.shape[2];
        var inputs = (int)weight.shape[1];
        var rows = steps * batch;

        // δ = g_s·σ'(h − θ): σ' is zero outside the band, so δ is as sparse as the active set.
        using var distance = charges - settings.Neuron.Threshold;
        using var slope = settings.Neuron.Surrogate.Derivative(distance).to(float32).contiguous();
        using var gradSpikes = grad_output.to(float32).contiguous();
        using var delta = (gradSpikes * slope).contiguous();
        var active = ActiveEntries.Collect(Floats(delta), Floats(slope), rows, outputs);
        settings.Record(active.InBand, (long)rows * outputs);

        var a = settings.Charge.MembraneSlope;
        var b = settings.Charge.InputSlope;
        var decaySums = DecaySums(a, steps);
        // Threads only pay off for enough row updates; below that their start-up costs more than the work.
        var threads = (long)active.Count * inputs >= ParallelWork ? Math.Max(1, get_num_threads()) : 1;
        var constantInput = steps > 1 && input.stride(0) == 0;

        // ∂L/∂W = b·Σ δᵀE.
        Tensor gradWeight;
        if (constantInput)
        {
            // E[t] = (1 + … + aᵗ)·x: fold time into δ first (O(active)), then one [out, B]·[B, in] product, as the dense layer does.
            var folded = new float[batch * outputs];
            for (var k = 0; k < active.Count; k++)
            {
                var row = active.Rows[k];
                folded[(row % batch * outputs) + active.Columns[k]] += active.Values[k] * decaySums[row / batch];
            }
            using var foldedTensor = tensor(folded, [batch, outputs]);
            using var first = input[0].to(float32);
            gradWeight = foldedTensor.t().mm(first).mul_(b);
        }
        else
        {
            using var trace = input.to(float32).contiguous().clone();
            ForwardFilter(Floats(trace), steps, batch * inputs, a);
            gradWeight = zeros([outputs, inputs], float32);
            WeightGradient(active, trace, gradWeight, inputs, b, threads);
        }

        Tensor? gradBias = null;
        if (settings.BiasNeedsGradient)
        {
            var biasGrad = new float[outputs];
            for (var k = 0; k < active.Count; k++) biasGrad[active.Columns[k]] += active.Values[k] * decaySums[active.Rows[k] / batch];
            for (var i = 0; i < outputs; i++) biasGrad[i] *= b;
            gradBias = tensor(biasGrad, [outputs]);
        }

        Tensor? gradInput = null;
        if (settings.InputNeedsGradient)
        {
            using var weights = weight.to(float32).contiguous();
            gradInput = zeros([steps, batch, inputs], float32);
            InputGradient(active, weights, gradInput, inputs, threads);
            ReverseFilter(Floats(gradInput), steps, batch * inputs, a, b);
        }
        return [gradInput!, gradWeight, gradBias!, null!];
    }

    // The forward currents W·x + c; a time-constant input (stride 0 along T) is multiplied once, as the dense layer does.
    private static Tensor Currents(Tensor input, Tensor weight, Tensor bias, long steps)
    {
        using var noGrad = no_grad();
        if (steps > 1 && input.stride(0) == 0)
        {
            using var once = nn.functional.linear(input[0], weight, bias);
            return once.unsqueeze(0).expand([steps, .. once.shape]).to(float32).contiguous();
        }
        using var all = nn.functional.linear(input, weight, bias);
        return all.to(float32).contiguous();
    }

    // c_t = 1 + a + … + aᵗ: how much of a constant input (or the bias) the charge at step t has integrated.
    private static float[] DecaySums(float a, int steps)
    {
        var sums = new float[steps];
        var running = 0f;
        for (var t = 0; t < steps; t++)
        {
            running = (running * a) + 1f;
            sums[t] = running;
        }
        return sums;
    }

    // E[t] = x[t] + a·E[t−1], in place.
    private static void ForwardFilter(Span<float> values, int steps, int width, float a)
    {
        for (var t = 1; t < steps; t++)
        {
            var previous = values.Slice((t - 1) * width, width);
            var current = values.Slice(t * width, width);
            AddScaled(current, previous, a);
        }
    }

    // G[t] = b·(D[t] + a·G[t+1]/b), i.e. the reverse filter of D scaled by b, in place.
    private static void ReverseFilter(Span<float> values, int steps, int width, float a, float b)
    {
        for (var t = steps - 2; t >= 0; t--)
            AddScaled(values.Slice(t * width, width), values.Slice((t + 1) * width, width), a);
        if (b != 1f)
        {
            for (var i = 0; i < values.Length; i++) values[i] *= b;
        }
    }

    // Row i of ∂L/∂W gathers δ[n, i]·E[n, :] over its active rows n; rows of W are split among threads, so each
    // element is summed by one thread in a fixed order (the same result for any thread count).
    private static void WeightGradient(ActiveEntries active, Tensor trace, Tensor gradWeight, int inputs, float b, int threads)
    {
        var byColumn = active.ByColumn((int)gradWeight.shape[0]);
        Split(threads, part =>
        {
            var traces = Floats(trace);
            var grads = Floats(gradWeight);
            var (from, to) = Share(byColumn.Length - 1, part, threads);
            for (var i = from; i < to; i++)
            {
                var row = grads.Slice(i * inputs, inputs);
                for (var k = byColumn[i]; k < byColumn[i + 1]; k++)
                {
                    var entry = active.ColumnOrder[k];
                    AddScaled(row, traces.Slice(active.Rows[entry] * inputs, inputs), active.Values[entry] * b);
                }
            }
        });
    }

    // D[n, :] = Σ_i δ[n, i]·W[i, :] over the active entries of row n (entries are already in row order).
    private static void InputGradient(ActiveEntries active, Tensor weights, Tensor gradInput, int inputs, int threads)
    {
        var byRow = active.ByRow((int)(gradInput.shape[0] * gradInput.shape[1]));
        Split(threads, part =>
        {
            var w = Floats(weights);
            var grads = Floats(gradInput);
            var (from, to) = Share(byRow.Length - 1, part, threads);
            for (var n = from; n < to; n++)
            {
                var row = grads.Slice(n * inputs, inputs);
                for (var k = byRow[n]; k < byRow[n + 1]; k++)
                    AddScaled(row, w.Slice(active.Columns[k] * inputs, inputs), active.Values[k]);
            }
        });
    }

    // Runs part 0..threads−1 of a job, inline when there is one part.
    private static void Split(int threads, Action<int> part)
    {
        if (threads == 1) part(0);
        else Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part);
    }

    private static (int From, int To) Share(int count, int part, int parts) =>
        ((int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));

    // destination += scale·source, vectorised.
    private static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float scale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && destination.Length >= Vector<float>.Count)
        {
            var factor = new Vector<float>(scale);
            var dst = MemoryMarshal.Cast<float, Vector<float>>(destination);
            var src = MemoryMarshal.Cast<float, Vector<float>>(source);
            for (var v = 0; v < dst.Length; v++) dst[v] += src[v] * factor;
            i = dst.Length * Vector<float>.Count;
        }
        for (; i < destination.Length; i++) destination[i] += source[i] * scale;
    }

    // A view of a contiguous float32 tensor's storage (libtorch's buffer, not a copy).
    internal static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
