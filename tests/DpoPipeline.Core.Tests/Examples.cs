namespace DpoPipeline.Core.Tests;

/// <summary>Hand-made example lines.</summary>
internal static class Examples
{
    public static string Azure(int n) =>
        $$"""{"input":{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Question {{n}}: what is {{n}} + {{n}}?"}]},"preferred_output":[{"role":"assistant","content":"{{n + n}}"}],"non_preferred_output":[{"role":"assistant","content":"I am not sure, maybe {{n}}."}]}""";

    public static string Trl(int n) =>
        $$"""{"prompt":"Question {{n}}: name a colour.","chosen":"Blue, number {{n}}.","rejected":"I cannot answer that {{n}}."}""";
}
