using DpoPipeline.Emulator;

// `dotnet run --project src/DpoPipeline.Emulator -- --time-scale 60 --port 5080`
var app = EmulatorServer.Build(args);
await app.StartAsync();
var baseUri = EmulatorServer.ListeningUri(app);
Console.WriteLine($"DpoPipeline emulator listening on {baseUri}");
Console.WriteLine($"  OpenAI__Endpoint={baseUri}   (v1 data plane: {new Uri(baseUri, "openai/v1/")})");
Console.WriteLine($"  Arm__Endpoint={baseUri}");
Console.WriteLine("Any bearer token is accepted. Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
