using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace DpoPipeline.Local.Azurite;

/// <summary>
/// Asks a process to stop (SIGTERM), which .NET's Process cannot send. Uses the system's <c>kill</c> command rather
/// than native interop; on Windows there is no such signal and callers fall back to ending the process.
/// </summary>
internal static class ProcessSignals
{
    public static bool TryTerminate(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit();
            return kill?.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
