using Cortex.Learning.Encoding;
using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using Cortex.Learning.OneStep;
using Cortex.Learning.Plasticity;
using Cortex.Learning.Registry;
using Cortex.Learning.Sequences;
using Cortex.Learning.Surrogates;
using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.Learning.LearningPlugin))]

namespace Cortex.Learning;

/// <summary>Registers the built-in training components through the same contract third-party plugins use.</summary>
public sealed class LearningPlugin : ICortexPlugin
{
    public string Name => "Cortex.Learning";

    public void Configure(IServiceCollection services)
    {
        services.AddSurrogate("sigmoid", "logistic sigmoid", a => a is { } x ? new SigmoidSurrogate(x) : new SigmoidSurrogate());
        services.AddSurrogate("arctan", "arctangent", a => a is { } x ? new ArcTanSurrogate(x) : new ArcTanSurrogate());
        services.AddSurrogate("fast_sigmoid", "SuperSpike fast sigmoid", a => a is { } x ? new FastSigmoidSurrogate(x) : new FastSigmoidSurrogate());
        services.AddSurrogate("triangle", "triangle (piecewise-linear derivative)", a => a is { } x ? new TriangleSurrogate(x) : new TriangleSurrogate());
        services.AddSurrogate("gate", "rectangular gate", a => a is { } x ? new GateSurrogate(x) : new GateSurrogate());
        services.AddSurrogate("erf", "Gaussian CDF", a => a is { } x ? new ErfSurrogate(x) : new ErfSurrogate());
        services.AddSurrogate("piecewise_quadratic", "quadratic bump (Epanechnikov)", a => a is { } x ? new PiecewiseQuadraticSurrogate(x) : new PiecewiseQuadraticSurrogate());

        services.AddSpikingLayer("if", "integrate-and-fire neurons", NeuronLayerFactories.If);
        services.AddSpikingLayer("lif", "leaky integrate-and-fire neurons (fixed tau, optional learned threshold)", NeuronLayerFactories.Lif);
        services.AddSpikingLayer("plif", "parametric LIF: learned tau", NeuronLayerFactories.ParametricLif);
        services.AddSpikingLayer("alif", "LIF with an after-hyperpolarisation current", NeuronLayerFactories.AdaptiveLif);
        services.AddSpikingLayer("hoyer", "Hoyer spike layer for one-time-step SNNs, Datta et al. 2022 (keys: threshold, regularization, momentum)", HoyerLayerFactory.Create);

        LayerFactories.Register(services);
        PlasticLayerFactories.Register(services);
        EncoderFactories.Register(services);
        SequenceFactories.Register(services);
    }
}
