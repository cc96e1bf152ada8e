using Cortex.Learning.Attention;
using Cortex.Learning.Encoding;
using Cortex.Learning.Equilibrium;
using Cortex.Learning.Layers;
using Cortex.Learning.Memristive;
using Cortex.Learning.Neurons;
using Cortex.Learning.OneStep;
using Cortex.Learning.Plasticity;
using Cortex.Learning.PredictiveCoding;
using Cortex.Learning.Registry;
using Cortex.Learning.Sequences;
using Cortex.Learning.Surrogates;
using Cortex.Learning.Tactile;
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

        services.AddSpikingLayer("feedback_snn", "feedback IF layer trained at its firing-rate equilibrium, Xiao et al. 2021 (keys: out, threshold, feedback_scale, gradient, backward_iterations, backward_tolerance, surrogate)", FeedbackLayerFactory.Create);
        services.AddSpikingLayer("predictive_coding", "spiking predictive coding with local updates, Ororbia's SpNCN (keys: sizes, tau, trace_tau, threshold, gain, learning_rate, feedback_learning_rate, init_scale)", PredictiveCodingLayerFactory.Create);

        LayerFactories.Register(services);
        AttentionLayerFactories.Register(services);
        PlasticLayerFactories.Register(services);
        MemristiveLayerFactories.Register(services);
        EncoderFactories.Register(services);
        TactileLayerFactories.Register(services);
        SequenceFactories.Register(services);
    }
}
