namespace Cortex.BrainRegions.Tests.Thalamus;

/// <summary>
/// Welch's power spectrum of a population's spike count (Welch 1967, IEEE Trans. Audio Electroacoust. 15:70–73):
/// the counts in fixed bins are cut into half-overlapping segments, each is mean-subtracted and Hann-windowed, and
/// the squared magnitudes of their discrete Fourier transforms (computed directly, no FFT library) are averaged.
/// </summary>
internal sealed class PopulationSpectrum
{
    private PopulationSpectrum(double[] frequencies, double[] power)
    {
        Frequencies = frequencies;
        Power = power;
    }

    /// <summary>Frequencies (Hz) of <see cref="Power"/>, from 1/segment up to the Nyquist frequency.</summary>
    public double[] Frequencies { get; }

    /// <summary>Power per frequency (arbitrary units: spikes² per bin²).</summary>
    public double[] Power { get; }

    /// <summary>The spectrum of <paramref name="counts"/> (spikes per bin of <paramref name="binMs"/>) in segments of <paramref name="segmentBins"/> bins.</summary>
    public static PopulationSpectrum Welch(IReadOnlyList<double> counts, double binMs, int segmentBins)
    {
        var window = new double[segmentBins];
        for (var n = 0; n < segmentBins; n++) window[n] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / (segmentBins - 1));
        var half = segmentBins / 2;
        var power = new double[half];
        var segments = 0;
        var segment = new double[segmentBins];
        for (var start = 0; start + segmentBins <= counts.Count; start += half)
        {
            var mean = 0.0;
            for (var n = 0; n < segmentBins; n++) mean += counts[start + n];
            mean /= segmentBins;
            for (var n = 0; n < segmentBins; n++) segment[n] = (counts[start + n] - mean) * window[n];
            for (var k = 1; k < half; k++)
            {
                double re = 0, im = 0;
                for (var n = 0; n < segmentBins; n++)
                {
                    var phase = 2 * Math.PI * k * n / segmentBins;
                    re += segment[n] * Math.Cos(phase);
                    im -= segment[n] * Math.Sin(phase);
                }
                power[k] += re * re + im * im;
            }
            segments++;
        }
        if (segments == 0) throw new ArgumentException($"{counts.Count} bins hold no segment of {segmentBins}", nameof(counts));
        var frequencies = new double[half];
        for (var k = 0; k < half; k++)
        {
            frequencies[k] = k * 1000.0 / (segmentBins * binMs);
            power[k] /= segments;
        }
        return new PopulationSpectrum(frequencies, power);
    }

    /// <summary>The frequency of the largest power within [<paramref name="low"/>, <paramref name="high"/>] Hz.</summary>
    public double PeakFrequency(double low, double high)
    {
        var best = -1;
        for (var k = 0; k < Power.Length; k++)
            if (Frequencies[k] >= low && Frequencies[k] <= high && (best < 0 || Power[k] > Power[best])) best = k;
        return Frequencies[best];
    }

    /// <summary>The fraction of the power in [<paramref name="low"/>, <paramref name="high"/>] Hz out of all of it above 0 Hz.</summary>
    public double BandFraction(double low, double high)
    {
        double band = 0, total = 0;
        for (var k = 1; k < Power.Length; k++)
        {
            total += Power[k];
            if (Frequencies[k] >= low && Frequencies[k] <= high) band += Power[k];
        }
        return total > 0 ? band / total : 0;
    }
}
