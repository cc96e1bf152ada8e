using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Attention;

/// <summary>
/// The attention blocks written out again element by element in plain doubles, from their papers' equations,
/// with the weights read from the modules: an implementation that shares no tensor code with the one under test.
/// Arrays are flat in [T, B, C, H, W] order.
/// </summary>
internal static class AttentionReference
{
    public static double[] Values(Tensor tensor) => tensor.detach().to(float64).reshape(-1).data<double>().ToArray();

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>σ(W2·relu(W1·a) + W2·relu(W1·m)) for descriptors a, m of length n; W1 [hidden, n], W2 [n, hidden].</summary>
    private static double[] Gate(double[] average, double[] maximum, double[] w1, double[] w2, int hidden)
    {
        var n = average.Length;
        double[] Mlp(double[] v)
        {
            var inner = new double[hidden];
            for (var j = 0; j < hidden; j++)
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++) sum += w1[(j * n) + i] * v[i];
                inner[j] = Math.Max(0, sum);
            }
            var result = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < hidden; j++) result[i] += w2[(i * hidden) + j] * inner[j];
            }
            return result;
        }
        var a = Mlp(average);
        var m = Mlp(maximum);
        return [.. a.Select((v, i) => Sigmoid(v + m[i]))];
    }

    /// <summary>TA: x[t, b, ·] times the gate of step t from the per-step average and maximum of sample b.</summary>
    public static double[] Temporal(double[] x, int steps, int batch, int rest, double[] w1, double[] w2, int hidden)
    {
        var y = (double[])x.Clone();
        for (var b = 0; b < batch; b++)
        {
            var average = new double[steps];
            var maximum = new double[steps];
            for (var t = 0; t < steps; t++)
            {
                var offset = ((t * batch) + b) * rest;
                average[t] = Enumerable.Range(0, rest).Average(i => x[offset + i]);
                maximum[t] = Enumerable.Range(0, rest).Max(i => x[offset + i]);
            }
            var gate = Gate(average, maximum, w1, w2, hidden);
            for (var t = 0; t < steps; t++)
            {
                var offset = ((t * batch) + b) * rest;
                for (var i = 0; i < rest; i++) y[offset + i] *= gate[t];
            }
        }
        return y;
    }

    /// <summary>CA: at every step and sample, channel c times its gate from the per-channel average and maximum over space.</summary>
    public static double[] Channel(double[] x, int rows, int channels, int positions, double[] w1, double[] w2, int hidden)
    {
        var y = (double[])x.Clone();
        for (var r = 0; r < rows; r++)
        {
            var average = new double[channels];
            var maximum = new double[channels];
            for (var c = 0; c < channels; c++)
            {
                var offset = ((r * channels) + c) * positions;
                average[c] = Enumerable.Range(0, positions).Average(i => x[offset + i]);
                maximum[c] = Enumerable.Range(0, positions).Max(i => x[offset + i]);
            }
            var gate = Gate(average, maximum, w1, w2, hidden);
            for (var c = 0; c < channels; c++)
            {
                var offset = ((r * channels) + c) * positions;
                for (var i = 0; i < positions; i++) y[offset + i] *= gate[c];
            }
        }
        return y;
    }

    /// <summary>SA: at every step and sample, pixel (h, w) times σ of a k×k zero-padded correlation of the channel-average and channel-maximum maps.</summary>
    public static double[] Spatial(double[] x, int rows, int channels, int height, int width, double[] kernel, int k)
    {
        var y = (double[])x.Clone();
        var pad = k / 2;
        var size = height * width;
        for (var r = 0; r < rows; r++)
        {
            var maps = new double[2, height, width];
            for (var h = 0; h < height; h++)
            {
                for (var w = 0; w < width; w++)
                {
                    var values = Enumerable.Range(0, channels).Select(c => x[(((r * channels) + c) * size) + (h * width) + w]).ToArray();
                    maps[0, h, w] = values.Average();
                    maps[1, h, w] = values.Max();
                }
            }
            for (var h = 0; h < height; h++)
            {
                for (var w = 0; w < width; w++)
                {
                    var sum = 0.0;
                    for (var m = 0; m < 2; m++)
                    {
                        for (var i = 0; i < k; i++)
                        {
                            for (var j = 0; j < k; j++)
                            {
                                var hh = h + i - pad;
                                var ww = w + j - pad;
                                if (hh < 0 || hh >= height || ww < 0 || ww >= width) continue;
                                sum += kernel[(((m * k) + i) * k) + j] * maps[m, hh, ww];
                            }
                        }
                    }
                    var gate = Sigmoid(sum);
                    for (var c = 0; c < channels; c++) y[(((r * channels) + c) * size) + (h * width) + w] *= gate;
                }
            }
        }
        return y;
    }

    /// <summary>
    /// TCJA: Z[t, b, c] = spatial mean; A[c, t] = Σ W_t[c, c', i]·Z[t + i − l_t, c'] (TLA, along time),
    /// B[t, c] = Σ W_c[t, t', j]·Z[t', c + j − l_c] (CLA, along channels), gate σ(A·B), zero outside, l = (k − 1) / 2.
    /// </summary>
    public static double[] JointAttention(double[] x, int steps, int batch, int channels, int positions, double[] wTime, int kTime, double[] wChannel, int kChannel)
    {
        var y = (double[])x.Clone();
        var leftTime = (kTime - 1) / 2;
        var leftChannel = (kChannel - 1) / 2;
        for (var b = 0; b < batch; b++)
        {
            var z = new double[steps, channels];
            for (var t = 0; t < steps; t++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var offset = (((t * batch) + b) * channels + c) * positions;
                    z[t, c] = Enumerable.Range(0, positions).Average(i => x[offset + i]);
                }
            }
            for (var t = 0; t < steps; t++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var a = 0.0;
                    for (var source = 0; source < channels; source++)
                    {
                        for (var i = 0; i < kTime; i++)
                        {
                            var tt = t + i - leftTime;
                            if (tt >= 0 && tt < steps) a += wTime[(((c * channels) + source) * kTime) + i] * z[tt, source];
                        }
                    }
                    var bb = 0.0;
                    for (var source = 0; source < steps; source++)
                    {
                        for (var j = 0; j < kChannel; j++)
                        {
                            var cc = c + j - leftChannel;
                            if (cc >= 0 && cc < channels) bb += wChannel[(((t * steps) + source) * kChannel) + j] * z[source, cc];
                        }
                    }
                    var gate = Sigmoid(a * bb);
                    var offset = (((t * batch) + b) * channels + c) * positions;
                    for (var i = 0; i < positions; i++) y[offset + i] *= gate;
                }
            }
        }
        return y;
    }
}
