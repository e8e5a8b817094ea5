using System.Text;
using Com.Grains.Interfaces.Accounts;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Accounts;

[Collection(SharedGrainCluster.Name)]
[Trait("Category", "Cluster")]
public sealed class UserGrainTests(PostgresCluster cluster)
{
    private IUserGrain User(string login) => cluster.Grains.GetGrain<IUserGrain>(IUserGrain.KeyFor(login));

    [Fact]
    public async Task SignIn_WithThePasswordGivenAtCreation_SucceedsWithTheRole()
    {
        await User("carol").CreateAsync("carol", Role.Supervisor, "Summer-2026!");

        var verdict = await User("Carol").SignInAsync("Summer-2026!");

        (verdict.Outcome, verdict.Login, verdict.Role).ShouldBe((SignInOutcome.Success, "carol", Role.Supervisor));
        verdict.Stamp.ShouldNotBeNullOrEmpty("the session carries the account's stamp");
    }

    [Fact]
    public async Task SignIn_WithAWrongPasswordOrUnknownLogin_AnswersTheSame()
    {
        await User("dave").CreateAsync("dave", Role.Operator, "Summer-2026!");

        var wrong = await User("dave").SignInAsync("summer-2026!");
        var unknown = await User("nobody-here").SignInAsync("Summer-2026!");

        wrong.ShouldBe(unknown, "the answer must not tell whether the login exists");
        wrong.Outcome.ShouldBe(SignInOutcome.InvalidCredentials);
    }

    [Theory]
    [InlineData("Short-1", "PasswordTooShort")]
    [InlineData("ThisPasswordIsWayTooLong-1234567", "PasswordTooLong")]
    [InlineData("alllowercaseletters", "PasswordTooSimple")]
    [InlineData("123456789012", "PasswordTooSimple")]
    public async Task Create_WithAPasswordBreakingThePolicy_IsRefusedAndCreatesNothing(string password, string reason)
    {
        var login = $"weak{Guid.NewGuid():N}"[..12];

        var refused = await Should.ThrowAsync<AccountRejectedException>(() => User(login).CreateAsync(login, Role.Operator, password));

        refused.Reason.ShouldBe(reason);
        (await User(login).ExistsAsync()).ShouldBeFalse("a refused account must not exist afterwards");
    }

    [Fact]
    public async Task Create_ForALoginTaken_IsRefusedAndKeepsTheFirstPassword()
    {
        await User("erin").CreateAsync("erin", Role.Administrator, "First-Password-1");

        var refused = await Should.ThrowAsync<AccountRejectedException>(() => User("ERIN").CreateAsync("ERIN", Role.ReadOnly, "Second-Password-1"));

        refused.Reason.ShouldBe("LoginTaken");
        (await User("erin").SignInAsync("First-Password-1")).Outcome.ShouldBe(SignInOutcome.Success);
    }

    [Fact]
    public async Task StoredState_NeverContainsThePassword()
    {
        const string password = "Visible-Secret-77";
        await User("frank").CreateAsync("frank", Role.Support, password);

        var payloads = await cluster.Database.CreateDataSource().ReadColumnAsync<byte[]>("SELECT payload_binary FROM orleans_storage WHERE payload_binary IS NOT NULL");

        payloads.ShouldNotBeEmpty();
        payloads.ShouldAllBe(p => !Encoding.UTF8.GetString(p).Contains(password), "grain state must hold only the password's hash");
    }
}
