namespace DpoPipeline.Core.Http;

/// <summary>What went wrong when Azure OpenAI or ARM refused a request, in terms a user (or a retry policy) can act on.</summary>
public enum ServiceErrorKind
{
    /// <summary>An error the classifier does not recognise; see the service code and message.</summary>
    Unknown,

    /// <summary>The request itself is wrong (bad parameters, invalid file id, name in use); fix the request.</summary>
    InvalidRequest,

    /// <summary>The file, job or deployment does not exist.</summary>
    NotFound,

    /// <summary>The resource is in a state that does not allow the operation (e.g. pausing a job that is not running).</summary>
    Conflict,

    /// <summary>No valid credential: the token or key was rejected (HTTP 401).</summary>
    AuthenticationFailed,

    /// <summary>The identity lacks a role on the account (HTTP 403); the message names the role.</summary>
    PermissionDenied,

    /// <summary>The subscription or account quota is used up; waiting a little will not help.</summary>
    QuotaExceeded,

    /// <summary>HTTP 429: too many requests for now; retried automatically while the wait is short.</summary>
    RateLimited,

    /// <summary>The base model cannot be fine-tuned or deployed in this region or account.</summary>
    ModelNotAvailable,

    /// <summary>A training or validation file is not processed yet (or failed processing).</summary>
    FileNotProcessed,

    /// <summary>The account already holds its maximum number of deployments.</summary>
    DeploymentLimitReached,

    /// <summary>ARM reported provisioningState Failed for a deployment.</summary>
    DeploymentFailed,

    /// <summary>408, 5xx, a dropped connection or a network timeout: retried automatically.</summary>
    Transient,
}
