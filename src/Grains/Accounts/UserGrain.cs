using Com.Grains.Interfaces.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Com.Grains.Accounts;

public sealed class UserGrain(
    [PersistentState("account", ComStorage.Default)] IPersistentState<UserAccount> state,
    TimeProvider time)
    : Grain, IUserGrain
{
    // PBKDF2 with a per-password salt, versioned in the hash so the cost can be raised later.
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public async Task CreateAsync(string login, Role role, string password)
    {
        if (state.RecordExists)
            throw new AccountRejectedException("LoginTaken");
        if (IUserGrain.KeyFor(login) != this.GetPrimaryKeyString())
            throw new AccountRejectedException("LoginMismatch");
        if (PasswordPolicy.Check(password) is { } reason)
            throw new AccountRejectedException(reason);

        state.State = new UserAccount { Login = login.Trim(), Role = role, CreatedAt = time.GetUtcNow() };
        state.State.PasswordHash = Hasher.HashPassword(state.State, password);
        await state.WriteStateAsync();
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.RecordExists);

    public async Task<SignInVerdict> SignInAsync(string password)
    {
        var account = state.State;
        if (!state.RecordExists || string.IsNullOrEmpty(password))
            return new SignInVerdict(SignInOutcome.InvalidCredentials, "", default);

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
            return new SignInVerdict(SignInOutcome.InvalidCredentials, "", default);
        if (account.Disabled)
            return new SignInVerdict(SignInOutcome.Disabled, "", default);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
            await state.WriteStateAsync();
        }
        return new SignInVerdict(SignInOutcome.Success, account.Login, account.Role);
    }
}
