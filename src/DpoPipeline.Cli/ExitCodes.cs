namespace DpoPipeline.Cli;

/// <summary>What `dpo` returns to the shell.</summary>
public static class ExitCodes
{
    /// <summary>The dataset is valid (or the command succeeded).</summary>
    public const int Success = 0;

    /// <summary>
    /// The dataset has errors the service would refuse; a run ended other than completed; or a deployed pipeline
    /// refused a command (`dpo runs`: unknown run, or a state that does not allow it).
    /// </summary>
    public const int Invalid = 1;

    /// <summary>Bad arguments, or a file that cannot be read or written.</summary>
    public const int UsageOrIoError = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
