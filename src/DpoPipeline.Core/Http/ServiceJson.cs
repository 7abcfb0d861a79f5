using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DpoPipeline.Core.Http;

/// <summary>Reads a response body into a DTO; a body the DTO cannot hold becomes a clear <see cref="InvalidDataException"/>.</summary>
internal static class ServiceJson
{
    public static T Read<T>(BinaryData body, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body.ToMemory().Span, type)
                ?? throw new InvalidDataException($"The service answered with an empty {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The service answered with a {typeof(T).Name} this client cannot read: {e.Message}", e);
        }
    }
}
