using Cortex.Learning.Training;

namespace Cortex.Learning.EventProp;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, with PyTorch's bias correction and L2 weight decay) or SGD with momentum on plain
/// float64 arrays: EventProp's gradients come from the adjoint pass, not from torch, and stay in double precision.
/// </summary>
public sealed class Float64Optimizer
{
    private readonly OptimizerConfig _config;
    private readonly double[][] _first;
    private readonly double[][] _second;
    private long _steps;

    /// <summary>Creates the optimiser for parameter arrays of the given lengths.</summary>
    public Float64Optimizer(OptimizerConfig config, IEnumerable<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(lengths);
        if (config.Type is not ("adam" or "sgd")) throw new ArgumentException($"unknown optimizer '{config.Type}' (available: adam, sgd)", nameof(config));
        _config = config;
        var sizes = lengths.ToArray();
        _first = [.. sizes.Select(n => new double[n])];
        _second = [.. sizes.Select(n => config.Type == "adam" ? new double[n] : [])];
    }

    /// <summary>Steps taken.</summary>
    public long Steps => _steps;

    /// <summary>One update of <paramref name="parameters"/> along <paramref name="gradients"/> at learning rate <paramref name="rate"/>.</summary>
    public void Step(double[][] parameters, double[][] gradients, double rate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        _steps++;
        var decay = _config.WeightDecay;
        for (var p = 0; p < parameters.Length; p++)
        {
            var w = parameters[p];
            var g = gradients[p];
            var m = _first[p];
            if (_config.Type == "sgd")
            {
                for (var k = 0; k < w.Length; k++)
                {
                    var grad = g[k] + (decay * w[k]);
                    // PyTorch's SGD: the first step's buffer is the gradient itself.
                    m[k] = _steps == 1 ? grad : (_config.Momentum * m[k]) + grad;
                    w[k] -= rate * (_config.Momentum > 0 ? m[k] : grad);
                }
                continue;
            }
            var v = _second[p];
            var b1 = _config.Beta1;
            var b2 = _config.Beta2;
            var correction1 = 1 - Math.Pow(b1, _steps);
            var correction2 = 1 - Math.Pow(b2, _steps);
            for (var k = 0; k < w.Length; k++)
            {
                var grad = g[k] + (decay * w[k]);
                m[k] = (b1 * m[k]) + ((1 - b1) * grad);
                v[k] = (b2 * v[k]) + ((1 - b2) * grad * grad);
                w[k] -= rate * (m[k] / correction1) / (Math.Sqrt(v[k] / correction2) + 1e-8);
            }
        }
    }
}
