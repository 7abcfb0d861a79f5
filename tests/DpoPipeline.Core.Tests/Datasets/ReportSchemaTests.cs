using System.Text.Json;
using DpoPipeline.Core.Datasets;
using DpoPipeline.Core.Serialization;
using DpoPipeline.Testing;
using Xunit;

namespace DpoPipeline.Core.Tests.Datasets;

/// <summary>The published schema (docs/schemas/validation-report.schema.json) and the serialised report agree.</summary>
public sealed class ReportSchemaTests
{
    [Fact]
    public async Task Report_Json_HasEveryRequiredFieldOfThePublishedSchema()
    {
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("docs", "schemas", "validation-report.schema.json"), TestContext.Current.CancellationToken));
        var report = await DatasetValidator.ValidateAsync(TestData.Dataset("hh-rlhf-harmless-base-test-500.jsonl"), new ValidationOptions(), null, TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(ReportJson.Serialize(report));

        AssertRequired(schema.RootElement, json.RootElement);
        AssertRequired(schema.RootElement.GetProperty("properties").GetProperty("tokens"), json.RootElement.GetProperty("tokens"));
        var issueSchema = schema.RootElement.GetProperty("$defs").GetProperty("issue");
        Assert.NotEmpty(json.RootElement.GetProperty("issues").EnumerateArray());
        foreach (var issue in json.RootElement.GetProperty("issues").EnumerateArray())
        {
            AssertRequired(issueSchema, issue);
            Assert.Contains(issue.GetProperty("severity").GetString(), issueSchema.GetProperty("properties").GetProperty("severity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public void Report_Json_DeclaresNoFieldTheSchemaDoesNotKnow()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("docs", "schemas", "validation-report.schema.json")));
        var known = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        var empty = new ValidationReport("1.0", "f", null, null, false, null, true, 0, 0, 0, 0, new Dictionary<string, long>(), new Dictionary<string, long>(), [], false, new TokenTotals("m", "o200k_base", 1, 0, 0, 0));
        using var json = JsonDocument.Parse(ReportJson.Serialize(empty));

        Assert.All(json.RootElement.EnumerateObject(), p => Assert.Contains(p.Name, known));
    }

    private static void AssertRequired(JsonElement schema, JsonElement value)
    {
        foreach (var name in schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!))
        {
            Assert.True(value.TryGetProperty(name, out _), $"Missing required field '{name}'.");
        }
    }
}
