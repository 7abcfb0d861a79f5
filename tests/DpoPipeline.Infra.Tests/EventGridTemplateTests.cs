using System.Text.Json.Nodes;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>The system topic (main.bicep) and the post-deploy subscription of the blob trigger (event-subscription.bicep).</summary>
public sealed class EventGridTemplateTests(InfraBuild infra)
{
    private JsonObject Subscription => infra.EventSubscriptionSnapshot.Single(ResourceTypes.EventGridSubscription);

    [Fact]
    public void SystemTopic_PublishesTheStorageAccountsEvents()
    {
        var topic = infra.WithNewAccount.Single(ResourceTypes.EventGridSystemTopic);

        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);
        Assert.Contains("'storage-", (string?)topic["properties"]!["source"], StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_FiltersBlobCreatedInTheDatasetsContainer()
    {
        var filter = Subscription["properties"]!["filter"]!;

        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(type => (string?)type));
        Assert.Equal("/blobServices/default/containers/datasets/", (string?)filter["subjectBeginsWith"]);
    }

    [Fact]
    public void Subscription_BelongsToTheSystemTopic()
    {
        Assert.StartsWith($"{InfraBuild.SystemTopicName}/", (string?)Subscription["name"], StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_CallsTheBlobExtensionWebhookOfStartRunOnDatasetBlob_WithTheSystemKey()
    {
        var destination = Subscription["properties"]!["destination"]!;
        var endpoint = (string?)destination["properties"]!["endpointUrl"];

        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        Assert.Contains("https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}", endpoint, StringComparison.Ordinal);
        Assert.Contains("'StartRunOnDatasetBlob'", endpoint, StringComparison.Ordinal);
        Assert.Contains(
            $"listKeys('/subscriptions/{InfraBuild.SubscriptionId}/resourceGroups/{InfraBuild.ResourceGroup}/providers/Microsoft.Web/sites/{InfraBuild.FunctionAppName}/host/default'",
            endpoint,
            StringComparison.Ordinal);
        Assert.Contains(".systemKeys.blobs_extension", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemTopic_HasItsOwnIdentity_ToWriteDeadLetters()
    {
        var topic = infra.WithNewAccount.Single(ResourceTypes.EventGridSystemTopic);

        Assert.Equal("SystemAssigned", (string?)topic["identity"]!["type"]);
    }

    [Fact]
    public void Subscription_DeadLettersUndeliverableEvents_IntoTheDeadLetterContainer_WithTheTopicsIdentity()
    {
        var deadLetter = Subscription["properties"]!["deadLetterWithResourceIdentity"]!;
        var destination = deadLetter["deadLetterDestination"]!;

        Assert.Equal("SystemAssigned", (string?)deadLetter["identity"]!["type"]);
        Assert.Equal("StorageBlob", (string?)destination["endpointType"]);
        Assert.Equal("deadletters", (string?)destination["properties"]!["blobContainerName"]);
        // The storage account the topic publishes: the one that holds the datasets.
        Assert.Matches(@"^\[reference\('[^']*/Microsoft\.EventGrid/systemTopics/[^']+', '[^']+'\)\.source\]$", (string?)destination["properties"]!["resourceId"]);
        Assert.Null(Subscription["properties"]!["deadLetterDestination"]);
    }

    [Fact]
    public void Subscription_UsesTheEventGridSchema_WhichTheBlobTriggerExpects()
    {
        Assert.Equal("EventGridSchema", (string?)Subscription["properties"]!["eventDeliverySchema"]);
    }
}
