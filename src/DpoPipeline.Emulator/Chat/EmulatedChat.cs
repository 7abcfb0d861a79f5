using System.Globalization;
using DpoPipeline.Core.Evaluation;
using DpoPipeline.Emulator.State;

namespace DpoPipeline.Emulator.Chat;

/// <summary>
/// What an emulated deployment replies. Asked the judge rubric, it judges (<see cref="EmulatedJudge"/>); asked a prompt
/// of an uploaded preference pair, it answers that pair's chosen reply with its kind's preference rate, else the
/// rejected reply, stretched by its length drift; asked anything else, a generic sentence. Every draw is seeded by the
/// configured seed, the request's seed, the deployment and the prompt. Ground truth for testing, never a measurement.
/// </summary>
internal sealed class EmulatedChat(EmulatorOptions options, PreferencePairIndex pairs)
{
    /// <summary>Call inside a store lock.</summary>
    /// <param name="hyperparameters">The resolved hyperparameters of the DPO job that made the deployment's model, if any.</param>
    public string Reply(
        EmulatorStore state,
        string deployment,
        EmulatedModelKind kind,
        IReadOnlyList<ChatTurn> messages,
        long? requestSeed,
        (double Beta, double LearningRateMultiplier, int Epochs)? hyperparameters = null)
    {
        var models = options.Models;
        string[] seed =
        [
            models.Seed.ToString(CultureInfo.InvariantCulture),
            requestSeed?.ToString(CultureInfo.InvariantCulture) ?? "-",
            deployment.ToLowerInvariant(),
        ];

        if (JudgeRubric.PairwiseV1.TryRead(messages, out var judged))
        {
            return EmulatedJudge.Verdict(
                judged.CandidateA, judged.CandidateB, pairs.Find(state, judged.LastUserMessage), models.Judge, [.. seed, judged.LastUserMessage]);
        }

        var prompt = messages.LastOrDefault(m => m.Role == "user")?.Content ?? string.Empty;
        if (pairs.Find(state, prompt) is not { } pair)
        {
            return ChatResponder.GenericAnswer(prompt);
        }

        var behaviour = models.For(deployment, kind, hyperparameters);
        var answer = SeededDraw.Uniform([.. seed, "answer", prompt]) < behaviour.PreferenceRate ? pair.Chosen : pair.Rejected;
        return LengthDrift.Apply(answer, behaviour.LengthDrift);
    }
}
