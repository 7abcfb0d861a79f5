using System.Collections.Concurrent;

namespace DpoPipeline.Contract.Tests.Emulated;

/// <summary>
/// Sits under the clients' HttpClient and adds the emulator's per-request fault header to the next matching requests,
/// and records every request that reaches the wire with the (fake) time it was sent and answered, so a test can prove
/// what was, and was not, re-sent, and when.
/// </summary>
internal sealed class FaultHeaderHandler(TimeProvider time) : DelegatingHandler(new SocketsHttpHandler())
{
    public const string HeaderName = "x-ms-emulator-fault";

    private readonly ConcurrentQueue<SentRequest> _sent = new();
    private readonly List<PlannedFault> _planned = [];

    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    public int Count(HttpMethod method, string pathContains) => Matching(method, pathContains).Count;

    public IReadOnlyList<SentRequest> Matching(HttpMethod method, string pathContains) =>
        _sent.Where(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal)).ToList();

    /// <summary>The next <paramref name="times"/> requests with this method whose path contains the text get the fault.</summary>
    public void Inject(string fault, HttpMethod method, string pathContains, int times = 1)
    {
        lock (_planned)
        {
            _planned.Add(new PlannedFault(fault, method, pathContains, times));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = new SentRequest(request.Method, request.RequestUri!.AbsolutePath, time.GetUtcNow());
        var path = sent.Path;
        _sent.Enqueue(sent);
        lock (_planned)
        {
            var planned = _planned.FirstOrDefault(p => p.Remaining > 0 && p.Method == request.Method && path.Contains(p.PathContains, StringComparison.Ordinal));
            if (planned is not null)
            {
                planned.Remaining--;
                request.Headers.TryAddWithoutValidation(HeaderName, planned.Fault);
            }
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            sent.AnsweredAt = time.GetUtcNow();
        }
    }

    internal sealed record SentRequest(HttpMethod Method, string Path, DateTimeOffset SentAt)
    {
        public DateTimeOffset? AnsweredAt { get; set; }
    }

    private sealed class PlannedFault(string fault, HttpMethod method, string pathContains, int times)
    {
        public string Fault { get; } = fault;

        public HttpMethod Method { get; } = method;

        public string PathContains { get; } = pathContains;

        public int Remaining { get; set; } = times;
    }
}
