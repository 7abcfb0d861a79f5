// Event Grid system topic on the storage account. Its subscription to the blob trigger is added after deploy
// (infra/event-subscription.bicep via the postdeploy hook), because the webhook key exists only once the app runs.

@description('Name of the system topic.')
param name string

@description('Azure region; a system topic lives where its source lives.')
param location string

@description('Tags for the topic.')
param tags object = {}

@description('Resource id of the storage account whose blob events the topic publishes.')
param storageAccountResourceId string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountResourceId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

@description('Name of the system topic.')
output name string = topic.name
