namespace DpoPipeline.Infra.Tests;

/// <summary>ARM resource types the assertions look for.</summary>
internal static class ResourceTypes
{
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
    public const string BlobContainer = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    public const string UserAssignedIdentity = "Microsoft.ManagedIdentity/userAssignedIdentities";
    public const string AppServicePlan = "Microsoft.Web/serverfarms";
    public const string Site = "Microsoft.Web/sites";
    public const string SiteConfig = "Microsoft.Web/sites/config";
    public const string BasicPublishingCredentialsPolicy = "Microsoft.Web/sites/basicPublishingCredentialsPolicies";
    public const string ApplicationInsights = "Microsoft.Insights/components";
    public const string LogAnalyticsWorkspace = "Microsoft.OperationalInsights/workspaces";
    public const string CognitiveServicesAccount = "Microsoft.CognitiveServices/accounts";
    public const string EventGridSystemTopic = "Microsoft.EventGrid/systemTopics";
    public const string EventGridSubscription = "Microsoft.EventGrid/systemTopics/eventSubscriptions";
}
