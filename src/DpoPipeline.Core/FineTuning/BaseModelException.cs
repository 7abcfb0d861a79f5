namespace DpoPipeline.Core.FineTuning;

/// <summary>The base model a run names cannot be trained from: unknown, not fine-tunable, or of an unknown family.</summary>
public sealed class BaseModelException(string code, string message) : Exception(message)
{
    public const string NotFound = "model_not_found";
    public const string NotFineTunable = "model_not_fine_tunable";
    public const string UnknownFamily = "model_family_unknown";
    public const string RunHasNoModel = "run_has_no_model";

    public string Code { get; } = code;
}
