using System.Runtime.Versioning;

// The tests run the linux-x64 Bicep CLI and POSIX hook scripts.
[assembly: SupportedOSPlatform("linux")]
