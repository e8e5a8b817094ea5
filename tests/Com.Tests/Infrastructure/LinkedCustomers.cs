using System.Text.Json;
using Com.DeviceProtocol;
using Com.Simulator;

namespace Com.Tests.Infrastructure;

/// <summary>Customers as browser tests need them: provisioned through the API, linked by a device over a real socket, raising alarms.</summary>
public static class LinkedCustomers
{
    public const string Password = "Pbx-Secret-8";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Provisions a customer through the ordering system's API; <paramref name="extra"/> adds fields such as tags.</summary>
    public static async Task<string> ProvisionAsync(ComDeployment com, string name, string? reseller = null, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = name, ["servicePassword"] = Password, ["reseller"] = reseller };
        if (extra is not null)
            foreach (var property in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject())
                body[property.Name] = property.Value;
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers", body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return JsonDocument.Parse(text).RootElement.GetProperty("customerId").GetString()!;
    }

    public static async Task<DeviceClient> LinkAsync(ComDeployment com, string id, string password = Password)
    {
        var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);
        await device.HelloAsync(Hellos.Healthy(id, password), Wait);
        return device;
    }

    /// <summary>Sends an alarm and waits for its ack, so it is stored before the test looks.</summary>
    public static async Task AlarmAsync(DeviceClient device, string severity, string category, string description, bool ongoing, string server = "primary")
    {
        var id = Guid.NewGuid().ToString("N");
        await device.SendAsync(new AlarmMessage(id, server, severity, category, description, ongoing), ProtocolJson.Default.AlarmMessage, TestContext.Current.CancellationToken);
        var (type, json) = await device.ReceiveAsync(Wait);
        type.ShouldBe(MessageTypes.Ack, json);
    }
}
