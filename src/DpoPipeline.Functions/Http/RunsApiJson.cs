using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace DpoPipeline.Functions.Http;

/// <summary>
/// The HTTP API's JSON. The ASP.NET Core integration writes action results with MVC's JSON options, not the worker's
/// serializer: web defaults, and enums as numbers unless told otherwise. Phases and outcomes are names here, as in
/// every Durable payload and in the README, so `dpo runs` and a person read the same words.
/// </summary>
public static class RunsApiJson
{
    public static IServiceCollection AddRunsApiJson(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
}
