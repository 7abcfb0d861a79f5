namespace DpoPipeline.Core.Sweeps;

/// <summary>A sweep that cannot run as stated; <see cref="Problems"/> lists every reason at once.</summary>
public sealed class SweepSpecException : Exception
{
    public SweepSpecException()
    {
        Problems = [];
    }

    public SweepSpecException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public SweepSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public SweepSpecException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
