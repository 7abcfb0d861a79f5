// DpoPipeline on Azure: `azd up` provisions this, deploys src/DpoPipeline.Functions, then the postdeploy hook
// subscribes the blob trigger to the `datasets` container (event-subscription.bicep).
targetScope = 'subscription'

@description('azd environment name; names the resource group and seeds resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region of every resource except an existing Azure OpenAI account.')
@minLength(1)
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); gets Storage Blob Data Contributor to upload datasets.')
param principalId string = ''

@description('Kind of the deploying principal: User, or ServicePrincipal when azd runs in CI.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Existing Azure OpenAI / Foundry account to fine-tune and deploy in. Empty: create one in this environment.')
param openAiAccountName string = ''

@description('Resource group of the existing account (required with openAiAccountName).')
param openAiResourceGroupName string = ''

@description('Subscription of the existing account. Empty: the deployment\'s subscription.')
param openAiSubscriptionId string = ''

@description('Region of a created account; must offer DPO fine-tuning of the base model (see docs/deploy.md). Empty: location.')
param openAiLocation string = ''

@description('Kind of a created account.')
@allowed(['OpenAI', 'AIServices'])
param openAiAccountKind string = 'OpenAI'

@description('Durable Functions task hub name (DurableTaskHubName).')
param durableTaskHubName string = 'dpopipeline'

@description('NCRONTAB schedule of the expired-deployment cleanup (CleanupSchedule).')
param cleanupSchedule string = '0 0 * * * *'

@description('ARM api-version for model deployments (Arm__ApiVersion).')
param armApiVersion string = '2025-06-01'

@description('Base model fine-tuned when a run names none (Pipeline__DefaultBaseModel).')
param defaultBaseModel string = 'gpt-4.1-mini-2025-04-14'

@description('DPO beta, 0 < beta <= 2. Empty: the service chooses (Pipeline__Beta).')
param beta string = ''

@description('Batch size, 1-256. Empty: the service chooses (Pipeline__BatchSize).')
param batchSize string = ''

@description('Learning rate multiplier, > 0. Empty: the service chooses (Pipeline__LearningRateMultiplier).')
param learningRateMultiplier string = ''

@description('Epochs, 1-50. Empty: the service chooses (Pipeline__Epochs).')
param epochs string = ''

@description('SKU of the evaluation deployment (Pipeline__DeploymentSku). developertier has no hosting fee.')
@allowed(['developertier', 'standard', 'globalstandard'])
param deploymentSku string = 'developertier'

@description('Capacity of the evaluation deployment (Pipeline__DeploymentCapacity).')
param deploymentCapacity string = '1'

@description('Hours a deployment lives before the pipeline deletes it (Pipeline__DeploymentTtlHours).')
param deploymentTtlHours string = '24'

@description('SKUs a run may deploy with, comma-separated (Pipeline__AllowedDeploymentSkus).')
param allowedDeploymentSkus string = 'developertier,standard,globalstandard'

@description('Most capacity a run may ask for (Pipeline__MaxDeploymentCapacity).')
param maxDeploymentCapacity string = '10'

@description('Longest a run\'s deployment may serve, in hours (Pipeline__MaxDeploymentTtlHours).')
param maxDeploymentTtlHours string = '72'

@description('Ceiling of a run\'s estimated cost (training plus hosting for the TTL) in USD; above it a run waits for an admin\'s approval, and a run may only lower it (Pipeline__BudgetLimitUsd).')
param budgetLimitUsd string = '25'

@description('What a new version of a dataset does to the run of the old one: supersede or parallel (Pipeline__OnNewVersion).')
@allowed(['supersede', 'parallel'])
param onNewVersion string = 'supersede'

@description('Hours a run waits for approval before it gives up (Pipeline__ApprovalTimeoutHours).')
param approvalTimeoutHours string = '24'

@description('Hours after which a run is abandoned (Pipeline__MaxRunHours).')
param maxRunHours string = '168'

@description('The most variants (jobs) one hyperparameter sweep may train (Pipeline__MaxSweepVariants).')
param maxSweepVariants string = '6'

@description('Value of the owner tag on deployments; cleanup deletes only deployments with this tag (Pipeline__Owner).')
param owner string = 'dpopipeline'

@description('Fine-tuning jobs of the pipeline created at once; more runs wait in phase Queued (Pipeline__MaxRunningJobs).')
param maxRunningJobs string = '1'

@description('Deployments of fine-tuned models the pipeline keeps at once (Pipeline__MaxFineTunedDeployments).')
param maxFineTunedDeployments string = '5'

@description('Minutes a slot the service refused for quota stays closed before a queued run tries again (Pipeline__QuotaRecheckMinutes).')
param quotaRecheckMinutes string = '5'

@description('Held-out pairs evaluated per run (Pipeline__EvaluationSampleSize).')
param evaluationSampleSize string = '50'

@description('Existing deployment of the base model to compare against. Empty: each run deploys the base model pay-per-token (GlobalStandard) for its evaluation and deletes it right after (Pipeline__EvaluationBaseDeployment).')
param evaluationBaseDeployment string = ''

@description('Deployment used as LLM judge in evaluation. Empty: no judge (Pipeline__JudgeDeployment).')
param judgeDeployment string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var createOpenAiAccount = empty(openAiAccountName)
// An existing account is named by all of name and resource group (subscription optional); anything less would
// silently create a new account or look in the wrong place, so `azd provision` stops first and says what is missing.
var openAiParameterProblem = !createOpenAiAccount && empty(openAiResourceGroupName)
  ? 'openAiAccountName (AZURE_OPENAI_ACCOUNT_NAME) is set, but openAiResourceGroupName (AZURE_OPENAI_RESOURCE_GROUP) is not: name the existing account\'s resource group too (docs/deploy.md)'
  : createOpenAiAccount && !empty(openAiResourceGroupName)
      ? 'openAiResourceGroupName (AZURE_OPENAI_RESOURCE_GROUP) is set, but openAiAccountName (AZURE_OPENAI_ACCOUNT_NAME) is not: name the existing account too, or unset the resource group to create a new account'
      : createOpenAiAccount && !empty(openAiSubscriptionId)
          ? 'openAiSubscriptionId (AZURE_OPENAI_SUBSCRIPTION_ID) is set, but openAiAccountName (AZURE_OPENAI_ACCOUNT_NAME) is not: name the existing account and its resource group too, or unset the subscription to create a new account'
          : ''
var openAi = {
  name: !empty(openAiParameterProblem) ? fail(openAiParameterProblem) : createOpenAiAccount ? 'oai-${resourceToken}' : openAiAccountName
  subscriptionId: empty(openAiSubscriptionId) ? subscription().subscriptionId : openAiSubscriptionId
  resourceGroupName: createOpenAiAccount ? resourceGroup.name : openAiResourceGroupName
}
var names = {
  identity: 'id-${resourceToken}'
  storage: 'st${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  systemTopic: 'evgt-${resourceToken}'
}
var containers = {
  deployment: 'deployment'
  datasets: 'datasets'
  runs: 'runs'
  // Event Grid puts the dataset events it could not deliver here; the cleanup timer starts their runs.
  deadLetters: 'deadletters'
}

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  cognitiveServicesOpenAIContributor: 'a001fd3d-188f-4b5d-821b-7da978bf7442'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage-account.bicep' = {
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    containerNames: [containers.deployment, containers.datasets, containers.runs, containers.deadLetters]
    roleAssignments: concat(
      [
        {
          roleDefinitionId: roles.storageBlobDataOwner
          principalId: identity.outputs.principalId
          principalType: 'ServicePrincipal'
          description: 'Function App: host storage, deployment package, datasets and runs.'
        }
        {
          roleDefinitionId: roles.storageQueueDataContributor
          principalId: identity.outputs.principalId
          principalType: 'ServicePrincipal'
          description: 'Function App: Durable Functions work-item and control queues.'
        }
        {
          roleDefinitionId: roles.storageTableDataContributor
          principalId: identity.outputs.principalId
          principalType: 'ServicePrincipal'
          description: 'Function App: Durable Functions history and instance tables.'
        }
      ],
      empty(principalId)
        ? []
        : [
            {
              roleDefinitionId: roles.storageBlobDataContributor
              principalId: principalId
              principalType: principalType
              description: 'Deploying user: upload datasets and read run reports.'
            }
          ]
    )
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    roleAssignments: [
      {
        roleDefinitionId: roles.monitoringMetricsPublisher
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
        description: 'Function App: send telemetry with Entra ID (local auth is disabled).'
      }
    ]
  }
}

// Read here rather than passed as a module output, so the connection string stays out of deployment outputs.
resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  scope: resourceGroup
  name: names.applicationInsights
}

module openAiAccount 'modules/cognitive-services-account.bicep' = if (createOpenAiAccount) {
  scope: resourceGroup
  params: {
    name: openAi.name
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    kind: openAiAccountKind
  }
}

module openAiAccess 'modules/openai-access.bicep' = {
  scope: az.resourceGroup(openAi.subscriptionId, openAi.resourceGroupName)
  dependsOn: [openAiAccount]
  params: {
    accountName: openAi.name
    roleAssignments: [
      {
        roleDefinitionId: roles.cognitiveServicesOpenAIContributor
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
        description: 'Function App: upload files, run fine-tuning jobs, create and delete deployments.'
      }
    ]
  }
}

module functionApp 'modules/function-app.bicep' = {
  scope: resourceGroup
  dependsOn: [monitoring]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: 'pipeline'
    identityResourceId: identity.outputs.resourceId
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${containers.deployment}'
    // The settings contract: tests/DpoPipeline.Infra.Tests/SettingsContract.cs (SettingsContractTests checks these against it).
    appSettings: {
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.outputs.clientId
      AZURE_CLIENT_ID: identity.outputs.clientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      DurableTaskHubName: durableTaskHubName
      CleanupSchedule: cleanupSchedule
      OpenAI__Endpoint: openAiAccess.outputs.endpoint
      Arm__SubscriptionId: openAi.subscriptionId
      Arm__ResourceGroup: openAi.resourceGroupName
      Arm__AccountName: openAi.name
      Arm__ApiVersion: armApiVersion
      Arm__Endpoint: environment().resourceManager
      Pipeline__DefaultBaseModel: defaultBaseModel
      Pipeline__Beta: beta
      Pipeline__BatchSize: batchSize
      Pipeline__LearningRateMultiplier: learningRateMultiplier
      Pipeline__Epochs: epochs
      Pipeline__DeploymentSku: deploymentSku
      Pipeline__DeploymentCapacity: deploymentCapacity
      Pipeline__DeploymentTtlHours: deploymentTtlHours
      Pipeline__BudgetLimitUsd: budgetLimitUsd
      Pipeline__ApprovalTimeoutHours: approvalTimeoutHours
      Pipeline__MaxRunHours: maxRunHours
      Pipeline__MaxSweepVariants: maxSweepVariants
      Pipeline__Owner: owner
      Pipeline__RunsContainer: containers.runs
      Pipeline__DatasetContainers: containers.datasets
      Pipeline__DeadLetterContainer: containers.deadLetters
      Pipeline__OnNewVersion: onNewVersion
      Pipeline__AllowedDeploymentSkus: allowedDeploymentSkus
      Pipeline__MaxDeploymentCapacity: maxDeploymentCapacity
      Pipeline__MaxDeploymentTtlHours: maxDeploymentTtlHours
      Pipeline__MaxRunningJobs: maxRunningJobs
      Pipeline__MaxFineTunedDeployments: maxFineTunedDeployments
      Pipeline__QuotaRecheckMinutes: quotaRecheckMinutes
      Pipeline__EvaluationSampleSize: evaluationSampleSize
      Pipeline__EvaluationBaseDeployment: evaluationBaseDeployment
      Pipeline__JudgeDeployment: judgeDeployment
    }
  }
}

module eventGridTopic 'modules/event-grid-system-topic.bicep' = {
  scope: resourceGroup
  params: {
    name: names.systemTopic
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deadLetterContainerName: containers.deadLetters
    storageBlobDataContributorRoleId: roles.storageBlobDataContributor
  }
}

// Read by azd, the postdeploy hook and docs/deploy.md. Names and endpoints only: nothing here is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOST string = functionApp.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGridTopic.outputs.name
output AZURE_APPLICATION_INSIGHTS_NAME string = names.applicationInsights
output DPO_OPENAI_ENDPOINT string = openAiAccess.outputs.endpoint
output DPO_OPENAI_ACCOUNT string = openAi.name
output DPO_OPENAI_RESOURCE_GROUP string = openAi.resourceGroupName
output DPO_DATASETS_CONTAINER string = containers.datasets
output DPO_RUNS_CONTAINER string = containers.runs
output DPO_DEADLETTER_CONTAINER string = containers.deadLetters
