using Cortex.Models;

namespace Cortex.Cognition.Reinforcement.ActorCritic;

/// <summary>The R-STDP actor–critic's parameters, typed (times in ms, currents in nA, rates in Hz).</summary>
public sealed record ActorCriticSettings
{
    public required int Tiles { get; init; }
    public required double FieldWidth { get; init; }
    public required double InputRateHz { get; init; }
    public required bool PoissonInput { get; init; }
    public required bool Conjunctive { get; init; }
    public required double WindowMs { get; init; }
    public required double RewardWindowMs { get; init; }
    public required double Dt { get; init; }
    public required int CriticSize { get; init; }
    public required int ActorSize { get; init; }
    public required double Gamma { get; init; }
    public required double ValueMin { get; init; }
    public required double ValueMax { get; init; }
    public required double CriticRateMaxHz { get; init; }
    public required double EtaCritic { get; init; }
    public required double EtaActor { get; init; }
    public required double TauC { get; init; }
    public required double WInit { get; init; }
    public required double WMax { get; init; }
    public required double WMin { get; init; }
    public required double Inhibition { get; init; }
    public required double Bias { get; init; }
    public required double Noise { get; init; }

    /// <summary>The settings from resolved parameters (the <c>rstdp_</c> ones of a task).</summary>
    public static ActorCriticSettings From(ParameterValues p)
    {
        ArgumentNullException.ThrowIfNull(p);
        const string x = RewardStdpActorCriticFactory.Prefix;
        return new()
        {
            Tiles = (int)p[x + "tiles"], FieldWidth = p[x + "field_width"], InputRateHz = p[x + "input_rate"], PoissonInput = p[x + "input_code"] == 1, Conjunctive = p[x + "cells"] == 1,
            WindowMs = p[x + "window"], RewardWindowMs = p[x + "reward_window"], Dt = p[x + "dt"],
            CriticSize = (int)p[x + "critic_size"], ActorSize = (int)p[x + "actor_size"],
            Gamma = p[x + "gamma"], ValueMin = p[x + "value_min"], ValueMax = p[x + "value_max"], CriticRateMaxHz = p[x + "critic_rate"],
            EtaCritic = p[x + "eta_critic"], EtaActor = p[x + "eta_actor"], TauC = p[x + "tau_c"],
            WInit = p[x + "w_init"], WMax = p[x + "w_max"], WMin = p[x + "w_min"], Inhibition = p[x + "inhibition"], Bias = p[x + "bias"], Noise = p[x + "noise"],
        };
    }
}
