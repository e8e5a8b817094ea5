namespace Com.Grains.Interfaces.Jobs;

/// <summary>A job change was refused; <see cref="Reason"/> is a resource key for the message shown to the user.</summary>
[GenerateSerializer, Alias("com.JobRejectedException")]
public sealed class JobRejectedException : Exception
{
    public JobRejectedException() { }

    public JobRejectedException(string reason) : base(reason) => Reason = reason;

    public JobRejectedException(string message, Exception innerException) : base(message, innerException) { }

    [Id(0)]
    public string Reason { get; init; } = "";
}
