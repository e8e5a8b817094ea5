namespace Com.Silo.Provisioning;

/// <summary>The ordering system's access to the provisioning API.</summary>
public sealed class ProvisioningSettings
{
    public const string Section = "Com:Provisioning";

    /// <summary>Bearer token the ordering system presents; the API answers 503 while none is configured.</summary>
    public string? Token { get; set; }
}
