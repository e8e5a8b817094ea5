using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Com.Simulator;

/// <summary>COM's provisioning API, over HTTPS with the pinned certificate.</summary>
public sealed class ProvisioningClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _customers;

    public ProvisioningClient(Uri apiBase, string token, X509Certificate2 trusted)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = PinnedCertificate.Validator(trusted) },
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var baseWithSlash = apiBase.AbsoluteUri.EndsWith('/') ? apiBase : new Uri(apiBase.AbsoluteUri + "/");
        _customers = new Uri(baseWithSlash, "customers");
    }

    /// <exception cref="ProvisioningException">COM refused the customer; <c>Conflict</c> means the name is taken.</exception>
    /// <exception cref="HttpRequestException">COM could not be reached.</exception>
    public async Task<CreatedCustomer> CreateAsync(CreateCustomerRequest request, CancellationToken ct)
    {
        // A buffered body carries a Content-Length; some proxies in front of COM reject chunked requests.
        using var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, SimulatorJson.Default.CreateCustomerRequest));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_customers, body, ct);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var created = await response.Content.ReadFromJsonAsync(SimulatorJson.Default.CreatedCustomer, ct);
            return string.IsNullOrEmpty(created?.CustomerId)
                ? throw new ProvisioningException(response.StatusCode, "no-customer-id", "COM created the customer but did not say its customer ID.")
                : created;
        }
        throw await ErrorAsync(response, ct);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<ProvisioningException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = response.StatusCode;
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            return new ProvisioningException(status, "unauthorised", "COM rejected the provisioning token (--token or COM_PROVISIONING_TOKEN).");
        ApiError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(SimulatorJson.Default.ApiError, ct);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // Not every failure comes from the API itself (a proxy, a wrong path); the status code still says enough.
        }
        return new ProvisioningException(status, error?.Error ?? "http-" + (int)status, error?.Message ?? response.ReasonPhrase ?? "no reason given");
    }
}
