namespace DpoPipeline.Core.Reports;

/// <summary>What every report and summary of a run served by the emulator says first, in large type.</summary>
public static class EmulationNotice
{
    public const string Title = "EMULATED";

    public const string Text =
        "This run used the local emulator of Azure OpenAI: the job, its losses, the deployment and every answer came from "
        + "scripted ground-truth models. The figures test the pipeline; none of them measures a real model.";
}
