using System.Net;
using System.Text.Json;
using Com.Tests.Infrastructure;

namespace Com.Tests.Provisioning;

/// <summary>The list endpoint answers from the web process's live copy of the directory and refuses bad queries.</summary>
[Trait("Category", "Process")]
public sealed class CustomerListApiTests(ComDeployment com) : IClassFixture<ComDeployment>
{
    private async Task<JsonElement> ListAsync(string query)
    {
        using var response = await com.ApiAsync(HttpMethod.Get, "/com/api/customers" + query);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Search_Sort_AndPage_OverProvisionedCustomers()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "Zeta", "alpha", "Mu" })
            await com.ProvisionAsync($"{name} {tag}", "Pbx-Secret-5");

        var page = await Eventually.GetAsync(() => ListAsync($"?search={tag}&sort=name&size=2"), p => p.GetProperty("total").GetInt32() == 3, TimeSpan.FromSeconds(10));

        page.GetProperty("total").GetInt32().ShouldBe(3);
        page.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe([$"alpha {tag}", $"Mu {tag}"]);
        var last = await ListAsync($"?search={tag}&sort=name&desc=true&page=1&size=2");
        last.GetProperty("customers").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe($"alpha {tag}");
        var red = await ListAsync($"?search={tag}&light=red&size=0");
        red.GetProperty("total").GetInt32().ShouldBe(3, "new customers await their first connection, which is red");
        red.GetProperty("customers").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("?light=purple")]
    [InlineData("?light=2")]
    [InlineData("?sort=password")]
    [InlineData("?desc=maybe")]
    [InlineData("?page=-1")]
    [InlineData("?size=100000")]
    [InlineData("?page=1e3")]
    public async Task BadQuery_IsRefusedWithTheReason(string query)
    {
        using var response = await com.ApiAsync(HttpMethod.Get, "/com/api/customers" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        error.GetProperty("error").GetString().ShouldBe("invalid-query");
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task List_WithoutTheToken_IsRefused()
    {
        using var response = await com.ApiAsync(HttpMethod.Get, "/com/api/customers", token: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
