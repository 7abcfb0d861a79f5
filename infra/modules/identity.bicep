// User-assigned managed identity: the Function App runs as it, and every role assignment targets it.

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the Function App identity block.')
output resourceId string = identity.id

@description('Object id, for role assignments.')
output principalId string = identity.properties.principalId

@description('Client id, for AZURE_CLIENT_ID and the identity-based connections.')
output clientId string = identity.properties.clientId
