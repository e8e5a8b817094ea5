using System.Net;

namespace Com.Simulator;

/// <summary>The provisioning API answered with an error.</summary>
public sealed class ProvisioningException : Exception
{
    public ProvisioningException()
    {
    }

    public ProvisioningException(string message)
        : base(message)
    {
    }

    public ProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProvisioningException(HttpStatusCode status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    public string Code { get; } = string.Empty;
}
