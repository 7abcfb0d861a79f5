namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Stand-in: entry point of an isolated worker app.</summary>
public class FunctionsApplication
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw new NotSupportedException(OfflineStandIn.Message);
}
