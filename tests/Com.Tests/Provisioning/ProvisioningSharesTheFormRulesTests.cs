using System.Net;
using System.Text.Json;
using Com.Simulator;
using Com.Tests.Infrastructure;

namespace Com.Tests.Provisioning;

/// <summary>The provisioning API checks and creates a customer as the form does (CustomerRules), answering with its own error codes.</summary>
[Trait("Category", "Process")]
public sealed class ProvisioningSharesTheFormRulesTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private const string Password = "Pbx-Secret-8";

    [Fact]
    public async Task ACustomerProvisionedWithSpacesAroundItsServiceUser_Links()
    {
        var id = await com.ProvisionAsync("Spaced Service User Bakery", Password, serviceUser: "  COMAdmin ");
        await using var device = await DeviceClient.ConnectAsync(com.Silo.LinkUri, com.Silo.PublicCertificate, TestContext.Current.CancellationToken);

        var welcome = await device.HelloAsync(Hellos.Healthy(id, Password), TimeSpan.FromSeconds(10));

        welcome.Connectivity.ShouldBe("Connected", "the service user is stored trimmed, as the form stores it");
    }

    [Theory]
    [InlineData("   ", "invalid-service-user")]
    [InlineData("a-service-user-name-of-32-chars!", "invalid-service-user")]
    public async Task AServiceUserTheFormRefuses_IsRefusedWithAnErrorCode(string serviceUser, string error)
    {
        using var response = await com.ApiAsync(HttpMethod.Post, "/com/api/customers",
            new { name = $"Service user {Guid.NewGuid():N}", serviceUser, servicePassword = Password });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().ShouldBe(error);
    }
}
