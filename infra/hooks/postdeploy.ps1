# azd postdeploy hook (Windows/PowerShell): subscribes the blob-trigger function to new blobs in the `datasets` container.
# The subscription is a Bicep deployment (infra/event-subscription.bicep) that reads the function's
# blobs_extension key itself, so the key never appears here. Rerun it with `azd hooks run postdeploy`.
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '../..')

foreach ($name in 'AZURE_TENANT_ID', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "postdeploy: $name is not set; run this through azd (azd up, azd deploy or azd hooks run postdeploy) after azd provision."
    }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw "postdeploy: the Azure CLI (az) is needed to create the Event Grid subscription; install it, run 'az login', then 'azd hooks run postdeploy'."
}

# azd and az sign in separately: make sure az holds a token for the tenant azd deployed to, instead of failing later
# with "subscription not found" when az is signed in elsewhere.
az account get-access-token --tenant $env:AZURE_TENANT_ID --output none 2>$null | Out-Null
if ($LASTEXITCODE -ne 0) {
    throw "postdeploy: the Azure CLI is not signed in to tenant $($env:AZURE_TENANT_ID), where azd deployed; run 'az login --tenant $($env:AZURE_TENANT_ID)', then 'azd hooks run postdeploy'."
}

# The host creates the blobs_extension key when it first starts with the Event Grid blob trigger.
# Asking for the keys wakes the app; the query answers only whether the key exists.
$maxAttempts = if ($env:DPO_POSTDEPLOY_MAX_ATTEMPTS) { [int]$env:DPO_POSTDEPLOY_MAX_ATTEMPTS } else { 30 }
$pollSeconds = if ($env:DPO_POSTDEPLOY_POLL_SECONDS) { [int]$env:DPO_POSTDEPLOY_POLL_SECONDS } else { 10 }
for ($attempt = 1; ; $attempt++) {
    $hasKey = az functionapp keys list --subscription $env:AZURE_SUBSCRIPTION_ID --resource-group $env:AZURE_RESOURCE_GROUP `
        --name $env:AZURE_FUNCTION_APP_NAME --query 'systemKeys.blobs_extension != `null`' --output tsv 2>$null
    if ($hasKey -eq 'true') { break }
    if ($attempt -ge $maxAttempts) {
        throw "postdeploy: the function host of $($env:AZURE_FUNCTION_APP_NAME) has no blobs_extension key after $maxAttempts tries; check that StartRunOnDatasetBlob deployed (Azure portal > Function App > Functions) and rerun 'azd hooks run postdeploy'."
    }
    Write-Host "postdeploy: waiting for the function host to create its blob webhook key ($attempt/$maxAttempts)..."
    Start-Sleep -Seconds $pollSeconds
}

Write-Host 'postdeploy: subscribing StartRunOnDatasetBlob to BlobCreated events in the datasets container...'
az deployment group create `
    --subscription $env:AZURE_SUBSCRIPTION_ID `
    --resource-group $env:AZURE_RESOURCE_GROUP `
    --name dpopipeline-event-subscription `
    --template-file infra/event-subscription.bicep `
    --parameters functionAppName=$env:AZURE_FUNCTION_APP_NAME systemTopicName=$env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME `
    --output none
if ($LASTEXITCODE -ne 0) { throw "postdeploy: the Event Grid subscription deployment failed (exit code $LASTEXITCODE)." }
Write-Host 'postdeploy: done. Upload a dataset to the datasets container to start a run (docs/deploy.md).'
