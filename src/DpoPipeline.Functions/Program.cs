using Azure.Core;
using Azure.Core.Serialization;
using DpoPipeline.Functions.Http;
using DpoPipeline.Workflow;
using DpoPipeline.Workflow.Configuration;
using DpoPipeline.Workflow.Hosting;
using DpoPipeline.Workflow.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddRunsApiJson();

// Durable payloads and custom status use the worker's serializer: the same JSON options as the local runner.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(DurableJson.Options));
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Domain services: the workflow's activities and clients, run files in the app's own storage account.
builder.Services.AddDpoWorkflow(builder.Configuration);
builder.Services.AddSingleton(provider => StorageAccountClient.Create(builder.Configuration, provider.GetRequiredService<TokenCredential>()));
builder.Services.AddSingleton<IRunFiles>(provider => new BlobRunFiles(
    provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(),
    provider.GetRequiredService<IOptions<PipelineOptions>>().Value.RunsContainer));

await builder.Build().RunAsync();
