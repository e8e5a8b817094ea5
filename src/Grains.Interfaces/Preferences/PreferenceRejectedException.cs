namespace Com.Grains.Interfaces.Preferences;

/// <summary>A preference value was refused; <see cref="Reason"/> is a resource key for the message shown to the user.</summary>
[GenerateSerializer, Alias("com.PreferenceRejectedException")]
public sealed class PreferenceRejectedException : Exception
{
    public PreferenceRejectedException() { }

    public PreferenceRejectedException(string reason) : base(reason) => Reason = reason;

    public PreferenceRejectedException(string message, Exception innerException) : base(message, innerException) { }

    [Id(0)]
    public string Reason { get; init; } = "";
}
