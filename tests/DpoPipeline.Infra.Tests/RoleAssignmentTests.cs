using System.Text.Json.Nodes;
using Xunit;

namespace DpoPipeline.Infra.Tests;

/// <summary>Every identity-based access path has its role, on the narrowest scope that works.</summary>
public sealed class RoleAssignmentTests(InfraBuild infra)
{
    public static TheoryData<string, string> AppIdentityRoles => new()
    {
        { RoleDefinitions.StorageBlobDataOwner, ResourceTypes.StorageAccount },
        { RoleDefinitions.StorageQueueDataContributor, ResourceTypes.StorageAccount },
        { RoleDefinitions.StorageTableDataContributor, ResourceTypes.StorageAccount },
        { RoleDefinitions.MonitoringMetricsPublisher, ResourceTypes.ApplicationInsights },
        { RoleDefinitions.CognitiveServicesOpenAIContributor, ResourceTypes.CognitiveServicesAccount },
    };

    [Theory]
    [MemberData(nameof(AppIdentityRoles))]
    public void AppIdentity_GetsRole_OnTheResourceItUses(string roleDefinitionId, string scopeType)
    {
        var scopeId = (string)infra.WithNewAccount.Single(scopeType)["id"]!;

        var assignment = Assert.Single(AssignmentsOf(infra.WithNewAccount, roleDefinitionId));

        AssertScopedTo(assignment, scopeId);
        AssertGrantedToAppIdentity(assignment);
    }

    [Fact]
    public void DeployingUser_GetsStorageBlobDataContributor_OnTheStorageAccount()
    {
        var scopeId = (string)infra.WithNewAccount.Single(ResourceTypes.StorageAccount)["id"]!;

        var assignment = Assert.Single(
            AssignmentsOf(infra.WithNewAccount, RoleDefinitions.StorageBlobDataContributor), a => (string?)a["properties"]!["principalType"] == "User");

        AssertScopedTo(assignment, scopeId);
        Assert.Equal(InfraBuild.DeployingUserId, (string?)assignment["properties"]!["principalId"]);
        Assert.Equal("User", (string?)assignment["properties"]!["principalType"]);
    }

    [Fact]
    public void WithoutADeployingPrincipal_NoUserRoleIsAssigned()
    {
        Assert.All(AssignmentsOf(infra.WithExistingAccount, RoleDefinitions.StorageBlobDataContributor), AssertGrantedToTheSystemTopic);
        Assert.All(
            infra.WithExistingAccount.OfType(ResourceTypes.RoleAssignment),
            assignment => Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]));
    }

    [Fact]
    public void ExistingAccount_AppIdentityGetsOpenAIContributor_OnThatAccount()
    {
        var accountId =
            $"/subscriptions/{InfraBuild.ExistingAccountSubscriptionId}/resourceGroups/{InfraBuild.ExistingAccountResourceGroup}" +
            $"/providers/{ResourceTypes.CognitiveServicesAccount}/{InfraBuild.ExistingAccountName}";

        var assignment = Assert.Single(AssignmentsOf(infra.WithExistingAccount, RoleDefinitions.CognitiveServicesOpenAIContributor));

        AssertScopedTo(assignment, accountId);
        AssertGrantedToAppIdentity(assignment);
    }

    [Fact]
    public void EveryRoleAssignment_IsOneOfTheIntendedRoles()
    {
        string[] intended =
        [
            RoleDefinitions.StorageBlobDataOwner, RoleDefinitions.StorageQueueDataContributor, RoleDefinitions.StorageTableDataContributor,
            RoleDefinitions.MonitoringMetricsPublisher, RoleDefinitions.CognitiveServicesOpenAIContributor,
            RoleDefinitions.StorageBlobDataContributor, RoleDefinitions.StorageBlobDataContributor,
        ];

        var assigned = infra.WithNewAccount.OfType(ResourceTypes.RoleAssignment).Select(RoleDefinitionGuid).ToList();

        Assert.Equal(intended.Order(StringComparer.Ordinal), assigned.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SystemTopic_GetsStorageBlobDataContributor_OnTheDeadLetterContainerOnly()
    {
        var assignment = Assert.Single(
            AssignmentsOf(infra.WithNewAccount, RoleDefinitions.StorageBlobDataContributor), a => (string?)a["properties"]!["principalType"] == "ServicePrincipal");

        AssertGrantedToTheSystemTopic(assignment);
        Assert.Contains("'Microsoft.Storage/storageAccounts/blobServices/containers'", (string?)assignment["id"], StringComparison.Ordinal);
        Assert.Contains("'default', 'deadletters'", (string?)assignment["id"], StringComparison.Ordinal);
    }

    private static void AssertGrantedToTheSystemTopic(JsonObject assignment)
    {
        Assert.Contains("Microsoft.EventGrid/systemTopics", (string?)assignment["properties"]!["principalId"], StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
    }

    private static IEnumerable<JsonObject> AssignmentsOf(DeploymentSnapshot snapshot, string roleDefinitionId) =>
        snapshot.OfType(ResourceTypes.RoleAssignment).Where(assignment => RoleDefinitionGuid(assignment) == roleDefinitionId);

    private static string RoleDefinitionGuid(JsonObject assignment) =>
        ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1];

    private static void AssertScopedTo(JsonObject assignment, string scopeId) =>
        Assert.Contains(scopeId, (string?)assignment["id"], StringComparison.OrdinalIgnoreCase);

    private static void AssertGrantedToAppIdentity(JsonObject assignment)
    {
        var principalId = (string?)assignment["properties"]!["principalId"];
        Assert.Contains("'identity-", principalId, StringComparison.Ordinal);
        Assert.Contains(".outputs.principalId.value", principalId, StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
    }
}
