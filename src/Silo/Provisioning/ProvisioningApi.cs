using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Com.Grains.Interfaces.Customers;
using Com.Overview.Customers;
using Microsoft.Extensions.Options;

namespace Com.Silo.Provisioning;

/// <summary>
/// The token-authenticated API an ordering system uses to create customers (SPEC CUST-3), documented in
/// docs/provisioning-api.md. New customers await their first connection.
/// </summary>
public static class ProvisioningApi
{
    public static WebApplicationBuilder AddProvisioningApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProvisioningSettings>().BindConfiguration(ProvisioningSettings.Section);
        return builder;
    }

    public static WebApplication MapProvisioningApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/customers").AllowAnonymous().AddEndpointFilter(RequireTokenAsync).AddEndpointFilter(ClusterTroubleAsync).DisableAntiforgery();
        api.MapPost("/", CreateAsync);
        api.MapGet("/", List);
        api.MapGet("/{id}", GetAsync);
        return app;
    }

    private const int MaxBodyBytes = 16 * 1024;

    private static async Task<IResult> CreateAsync(HttpRequest http, IGrainFactory grains)
    {
        if (http.ContentLength is > MaxBodyBytes)
            return Error(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"the body is limited to {MaxBodyBytes} bytes");
        ProvisioningRequest? request;
        try
        {
            var body = await ReadAtMostAsync(http.Body, MaxBodyBytes + 1);
            if (body.Length > MaxBodyBytes)
                return Error(StatusCodes.Status413PayloadTooLarge, "body-too-large", $"the body is limited to {MaxBodyBytes} bytes");
            request = JsonSerializer.Deserialize<ProvisioningRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid-body", $"the body is not the expected JSON: {e.Message}");
        }
        if (request is null)
            return Error(StatusCodes.Status400BadRequest, "invalid-body", "a JSON body is required");
        var asked = request.ToNewCustomer(request.CustomerId ?? CustomerIds.Generate());
        // Checked here too, so a bad request never reaches a grain; the grain checks again with the same rules.
        var (customer, problem) = CustomerRules.Prepare(asked);
        if (customer is null)
            return Error(ProvisioningErrors.Of(problem!, asked));
        try
        {
            var summary = await grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(customer.Record.Id)).ProvisionAsync(customer);
            return Results.Created($"/com/api/customers/{summary.Id}", View(summary));
        }
        catch (CustomerRejectedException rejected)
        {
            return Error(ProvisioningErrors.Of(rejected.Reason, customer));
        }
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains)
    {
        if (!CustomerIds.IsValid(id))
            return Error(StatusCodes.Status400BadRequest, "invalid-customer-id", "customer IDs are lowercase letters and digits");
        var summary = await grains.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id)).GetSummaryAsync();
        return summary is null ? Error(StatusCodes.Status404NotFound, "not-found", $"no customer '{id}'") : Results.Ok(View(summary));
    }

    private static IResult List(HttpRequest http, CustomerDirectoryFeed directory)
    {
        var (query, problem) = CustomerListRequest.Parse(http.Query);
        if (query is null)
            return Error(StatusCodes.Status400BadRequest, "invalid-query", problem!);
        if (!directory.Loaded)
        {
            http.HttpContext.Response.Headers.RetryAfter = "5";
            return Error(StatusCodes.Status503ServiceUnavailable, "try-again-later", "this server is still loading the customer directory");
        }
        var page = query.Run(directory.Snapshot());
        return Results.Ok(new { total = page.Total, customers = page.Rows.Select(View) });
    }

    private static object View(CustomerSummary s) => new
    {
        customerId = s.Id,
        name = s.Name,
        connectivity = s.Connectivity.Code.ToString(),
        light = s.Connectivity.Light.ToString().ToLowerInvariant(),
        since = s.Connectivity.Since,
        systemName = s.SystemName,
        version = s.Version,
        servers = s.ServerCount,
        ongoingAlarms = s.OngoingAlarms,
        tags = s.TagList,
    };

    private static async ValueTask<object?> RequireTokenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = context.HttpContext.RequestServices.GetRequiredService<IOptions<ProvisioningSettings>>().Value.Token;
        if (string.IsNullOrEmpty(configured))
            return Error(StatusCodes.Status503ServiceUnavailable, "provisioning-disabled", "no provisioning token is configured on this server");
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
        // Hashing both sides first makes the comparison constant-time whatever the lengths.
        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
        return matches ? await next(context) : Error(StatusCodes.Status401Unauthorized, "invalid-token", "a valid bearer token is required");
    }

    /// <summary>Reads up to <paramref name="limit"/> bytes, so an endless body costs no more than that.</summary>
    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit)
    {
        var buffer = new byte[limit];
        var length = 0;
        int read;
        while (length < limit && (read = await body.ReadAsync(buffer.AsMemory(length, limit - length))) > 0)
            length += read;
        return buffer[..length];
    }

    /// <summary>While a silo fails over, grain calls can fail for a moment: say so (503) instead of a bare 500.</summary>
    private static async ValueTask<object?> ClusterTroubleAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return Error(StatusCodes.Status503ServiceUnavailable, "try-again-later", "COM is failing over; retry in a few seconds");
        }
    }

    private static IResult Error(ProvisioningErrors.ApiError error) => Error(error.Status, error.Code, error.Message);

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = code, message }, statusCode: status);
}
