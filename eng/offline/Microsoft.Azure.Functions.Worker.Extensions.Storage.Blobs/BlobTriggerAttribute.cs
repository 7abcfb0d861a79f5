using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Stand-in: triggers a function for a new or updated blob.</summary>
public sealed class BlobTriggerAttribute : TriggerBindingAttribute
{
    public BlobTriggerAttribute(string blobPath)
    {
        this.BlobPath = blobPath;
    }

    public string BlobPath { get; }

    public string? Connection { get; set; }

    public BlobTriggerSource Source { get; set; }
}
