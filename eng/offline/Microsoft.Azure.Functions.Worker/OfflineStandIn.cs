namespace Microsoft.Azure.Functions.Worker;

internal static class OfflineStandIn
{
    public const string Message = "Offline stand-in (DpoOffline=true): compile-only; build with -p:DpoOffline=false to run the Functions app.";
}
