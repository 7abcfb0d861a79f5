// Azure OpenAI (or Foundry AI Services) account, created when no existing account is named.
// Keys are disabled: the Function App calls it with its managed identity.

@description('Name of the account; also its custom subdomain, which Entra ID authentication needs (the app reads the endpoint back from the account).')
param name string

@description('Azure region; pick one where DPO fine-tuning of the base model is offered (see docs/deploy.md).')
param location string

@description('Tags for the account.')
param tags object = {}

@description('Account kind: OpenAI (Azure OpenAI) or AIServices (Foundry).')
@allowed(['OpenAI', 'AIServices'])
param kind string = 'OpenAI'

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: kind
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

@description('Name of the account.')
output name string = account.name
