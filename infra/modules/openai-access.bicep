// Looks up the Azure OpenAI account (existing or just created) and grants roles on it.
// Deployed at the account's resource group, which may differ from the app's.
import { roleAssignmentType } from 'types.bicep'

@description('Name of the Azure OpenAI account.')
param accountName string

@description('Role assignments on the account (Cognitive Services OpenAI Contributor for the app).')
param roleAssignments roleAssignmentType[]

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = {
  name: accountName
}

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for assignment in roleAssignments: {
    name: guid(account.id, assignment.principalId, assignment.roleDefinitionId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', assignment.roleDefinitionId)
      principalId: assignment.principalId
      principalType: assignment.principalType
      description: assignment.description
    }
  }
]

// The endpoint as the account reports it: built from customSubDomainName it would be wrong for an account without
// one and in clouds whose suffix is not openai.azure.com. AI Services accounts list the same OpenAI entry.
@description('OpenAI endpoint of the account from its properties.endpoints, e.g. https://{subdomain}.openai.azure.com/ (the client appends openai/v1/).')
output endpoint string = account.properties.endpoints[?'OpenAI Language Model Instance API'] ?? account.properties.endpoint
