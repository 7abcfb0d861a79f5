// Event Grid system topic on the storage account. Its subscription to the blob trigger is added after deploy
// (infra/event-subscription.bicep via the postdeploy hook), because the webhook key exists only once the app runs.
// The topic has an identity with a blob role on the dead-letter container only: events it cannot deliver are kept
// there (shared keys stay off), and the app's cleanup timer starts their runs.

@description('Name of the system topic.')
param name string

@description('Azure region; a system topic lives where its source lives.')
param location string

@description('Tags for the topic.')
param tags object = {}

@description('Name of the storage account whose blob events the topic publishes.')
param storageAccountName string

@description('Container of that account that receives undeliverable events.')
param deadLetterContainerName string

@description('Role definition id (GUID) of Storage Blob Data Contributor.')
param storageBlobDataContributorRoleId string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName

  resource blobs 'blobServices' existing = {
    name: 'default'

    resource deadLetters 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobs::deadLetters.id, topic.id, storageBlobDataContributorRoleId)
  scope: storage::blobs::deadLetters
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
    description: 'Event Grid system topic: write dataset events it could not deliver (dead-letter).'
  }
}

@description('Name of the system topic.')
output name string = topic.name

@description('Principal id of the topic\'s identity.')
output principalId string = topic.identity.principalId
