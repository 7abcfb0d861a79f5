// Shared parameter types, in the style of Azure Verified Modules (AVM).

@export()
@description('A role assignment on the resource a module creates or looks up.')
type roleAssignmentType = {
  @description('Role definition GUID, e.g. ba92f5b4-2d11-453d-a403-e96b0029c9fe for Storage Blob Data Contributor.')
  roleDefinitionId: string

  @description('Object id of the principal that gets the role.')
  principalId: string

  @description('Kind of principal; set so the assignment works before Entra ID has replicated a new identity.')
  principalType: 'ServicePrincipal' | 'User' | 'Group'

  @description('Why the principal needs the role.')
  description: string
}
