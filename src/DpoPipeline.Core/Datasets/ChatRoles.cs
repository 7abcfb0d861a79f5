namespace DpoPipeline.Core.Datasets;

/// <summary>Role names the service accepts, and the names other dataset formats use for them.</summary>
public static class ChatRoles
{
    public const string System = "system";
    public const string Developer = "developer";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";

    /// <summary>Maps a role spelled the way another format spells it (ShareGPT "human"/"gpt", "bot", …) to the service's name.</summary>
    public static string? Normalize(string role) => role.Trim().ToLowerInvariant() switch
    {
        "system" => System,
        "developer" => Developer,
        "user" or "human" or "prompter" => User,
        "assistant" or "gpt" or "bot" or "model" or "chatbot" or "ai" => Assistant,
        "tool" or "function" or "observation" => Tool,
        _ => null,
    };

    public static bool IsServiceRole(string role) =>
        role is System or Developer or User or Assistant or Tool;
}
