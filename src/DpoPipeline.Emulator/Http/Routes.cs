namespace DpoPipeline.Emulator.Http;

/// <summary>Path prefixes of the two surfaces the emulator serves.</summary>
internal static class Routes
{
    public const string OpenAI = "/openai";
    public const string OpenAIV1 = "/openai/v1";
    public const string Arm = "/subscriptions";

    public static bool IsArm(PathString path) => path.StartsWithSegments(Arm, StringComparison.OrdinalIgnoreCase);
}
