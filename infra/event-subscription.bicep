// Subscribes the blob-trigger function to BlobCreated events of the `datasets` container.
// Deployed by the postdeploy hook (infra/hooks/postdeploy.*) after `azd deploy`: the blobs_extension system key
// that authenticates the webhook exists only once the function host has started with the Event Grid blob trigger.
// The key is read here, inside the deployment, so it never passes through a script, a log or an output.

@description('Name of the Function App (azd output AZURE_FUNCTION_APP_NAME).')
param functionAppName string

@description('Name of the Event Grid system topic on the storage account (azd output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME).')
param systemTopicName string

@description('Blob-trigger function that starts a run (BlobTrigger with Source = EventGrid).')
param functionName string = 'StartRunOnDatasetBlob'

@description('Container whose new blobs start runs.')
param containerName string = 'datasets'

@description('Container of the same storage account that keeps the events Event Grid could not deliver; the cleanup timer re-drives them.')
param deadLetterContainerName string = 'deadletters'

resource app 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: '${containerName}-to-${toLower(functionName)}'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${listKeys('${app.id}/host/default', app.apiVersion).systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
      enableAdvancedFilteringOnArrays: true
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    // No dataset event is lost: after the last try it is written to the dead-letter container with the topic's own
    // identity (the storage account allows no shared keys), and the app's cleanup timer starts its run.
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: topic.properties.source
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

@description('Name of the event subscription.')
output name string = subscription.name
