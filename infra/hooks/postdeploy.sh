#!/bin/sh
# azd postdeploy hook (POSIX): subscribes the blob-trigger function to new blobs in the `datasets` container.
# The subscription is a Bicep deployment (infra/event-subscription.bicep) that reads the function's
# blobs_extension key itself, so the key never appears here. Rerun it with `azd hooks run postdeploy`.
set -eu
cd "$(dirname "$0")/../.."

: "${AZURE_SUBSCRIPTION_ID:?run this through azd (azd up, azd deploy or azd hooks run postdeploy)}"
: "${AZURE_TENANT_ID:?missing azd output AZURE_TENANT_ID: run azd provision first}"
: "${AZURE_RESOURCE_GROUP:?missing azd output AZURE_RESOURCE_GROUP: run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?missing azd output AZURE_FUNCTION_APP_NAME: run azd provision first}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?missing azd output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME: run azd provision first}"

if ! command -v az >/dev/null 2>&1; then
  echo "postdeploy: the Azure CLI (az) is needed to create the Event Grid subscription; install it, run 'az login', then 'azd hooks run postdeploy'." >&2
  exit 1
fi

# azd and az sign in separately: make sure az holds a token for the tenant azd deployed to, instead of failing later
# with "subscription not found" when az is signed in elsewhere.
if ! az account get-access-token --tenant "$AZURE_TENANT_ID" --output none >/dev/null 2>&1; then
  echo "postdeploy: the Azure CLI is not signed in to tenant $AZURE_TENANT_ID, where azd deployed; run 'az login --tenant $AZURE_TENANT_ID', then 'azd hooks run postdeploy'." >&2
  exit 1
fi

# The host creates the blobs_extension key when it first starts with the Event Grid blob trigger.
# Asking for the keys wakes the app; the query answers only whether the key exists.
attempt=1
max_attempts="${DPO_POSTDEPLOY_MAX_ATTEMPTS:-30}"
poll_seconds="${DPO_POSTDEPLOY_POLL_SECONDS:-10}"
until [ "$(az functionapp keys list --subscription "$AZURE_SUBSCRIPTION_ID" --resource-group "$AZURE_RESOURCE_GROUP" \
  --name "$AZURE_FUNCTION_APP_NAME" --query 'systemKeys.blobs_extension != `null`' --output tsv 2>/dev/null || true)" = "true" ]; do
  if [ "$attempt" -ge "$max_attempts" ]; then
    echo "postdeploy: the function host of $AZURE_FUNCTION_APP_NAME has no blobs_extension key after $max_attempts tries; check that StartRunOnDatasetBlob deployed (Azure portal > Function App > Functions) and rerun 'azd hooks run postdeploy'." >&2
    exit 1
  fi
  echo "postdeploy: waiting for the function host to create its blob webhook key ($attempt/$max_attempts)..."
  attempt=$((attempt + 1))
  sleep "$poll_seconds"
done

echo "postdeploy: subscribing StartRunOnDatasetBlob to BlobCreated events in the datasets container..."
az deployment group create \
  --subscription "$AZURE_SUBSCRIPTION_ID" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name dpopipeline-event-subscription \
  --template-file infra/event-subscription.bicep \
  --parameters functionAppName="$AZURE_FUNCTION_APP_NAME" systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
  --output none
echo "postdeploy: done. Upload a dataset to the datasets container to start a run (docs/deploy.md)."
