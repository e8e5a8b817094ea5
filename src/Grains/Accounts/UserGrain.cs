using Com.Storage.Customers;
using Com.Grains.Interfaces.Accounts;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Preferences;
using Com.Storage.Audit;
using Microsoft.AspNetCore.Identity;

namespace Com.Grains.Accounts;

public sealed class UserGrain(
    [PersistentState("account", ComStorage.Default)] IPersistentState<UserAccount> state,
    SecurityClock clock,
    SecurityAuditLog audit,
    CustomerRowStore customerRows)
    : Grain, IUserGrain
{
    private const int FanOut = 16;
    // PBKDF2 with a per-password salt, versioned in the hash so the cost can be raised later.
    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

    // Failures against a login that does not exist are counted in memory only: they lock it like a real account,
    // so the lockout does not tell an attacker which logins exist, and they cost no write.
    private readonly List<DateTimeOffset> unknownLoginFailures = [];
    private DateTimeOffset? unknownLoginLockedUntil;
    private string signInAddress = "";
    private DateTimeOffset? lockRefusalAudited;

    private static readonly UserAccount DummyAccount = new();
    private static readonly string DummyHash = Hasher.HashPassword(DummyAccount, "not a password anyone has");

    private bool Exists => state.RecordExists && state.State.Login.Length > 0;

    private IAccountDirectoryGrain Accounts => GrainFactory.GetGrain<IAccountDirectoryGrain>(IAccountDirectoryGrain.Key);

    private DateTimeOffset Now => clock.Now;

    public async Task CreateAsync(string login, Role role, string password)
    {
        CheckNew(login, password);
        state.State = new UserAccount { Login = login.Trim(), Role = role, CreatedAt = Now, SecurityStamp = NewStamp() };
        state.State.PasswordHash = Hasher.HashPassword(state.State, password);
        await state.WriteStateAsync();
        await Accounts.UpsertAsync(View());
        await AuditAsync(SecurityEvents.AccountCreated, "", $"role={role}");
    }

    public async Task<AccountView> CreateAsync(Actor actor, string login, AccountDetails details, string password)
    {
        // Rights first: someone who may not create accounts learns nothing about which logins or fields would pass.
        if (!Permissions.MayManageAccount(actor.Role, actor.Login, details.Role, createdBy: actor.Login))
            throw new AccountRejectedException("NotAllowed");
        await RequireActorAsync(actor);
        CheckNew(login, password);
        Reject(AccountRules.Check(details));
        await CheckLabelsAsync(actor, details);
        await ForgetAssignmentsAsync(login.Trim());

        var expiry = details.ExpiresAt ?? Now + DefaultLifetime;
        state.State = new UserAccount
        {
            Login = login.Trim(),
            Role = details.Role,
            CreatedAt = Now,
            CreatedBy = actor.Login,
            Details = Normalise(details) with { ExpiresAt = expiry },
            Disabled = details.Disabled,
            MustChangePassword = details.ForceNewPassword,
            SecurityStamp = NewStamp(),
        };
        state.State.PasswordHash = Hasher.HashPassword(state.State, password);
        await SaveOrForgetAsync();
        await Accounts.UpsertAsync(View());
        await AuditAsync(SecurityEvents.AccountCreated, actor.Login, $"role={details.Role}");
        return View();
    }

    public async Task<AccountView> UpdateAsync(Actor actor, AccountDetails details, string? newPassword)
    {
        if (!Exists)
            throw new AccountRejectedException("AccountUnknown");
        var account = state.State;
        // Both the account as it is and as it would become must be the actor's to manage: no promoting one's Operator.
        if (!Permissions.MayManageAccount(actor.Role, actor.Login, account.Role, account.CreatedBy)
            || !Permissions.MayManageAccount(actor.Role, actor.Login, details.Role, account.CreatedBy))
            throw new AccountRejectedException("NotAllowed");
        await RequireActorAsync(actor);
        Reject(AccountRules.Check(details));
        if (IsSelf(actor) && (details.Role != account.Role || details.Disabled))
            throw new AccountRejectedException("CannotDemoteOrDisableYourself");
        // SPEC AUTH-7: an expired account stays disabled until an Administrator enables it, with a date in the future.
        if (!details.Disabled && (details.ExpiresAt ?? account.Details?.ExpiresAt) is { } expiry && expiry <= Now)
            throw new AccountRejectedException("ExpiryInPast");
        if (account.Disabled && !details.Disabled && account.Details?.ExpiresAt is { } expired && expired <= Now
            && !Permissions.Allows(actor.Role, Capability.ManageAllAccounts))
            throw new AccountRejectedException("NotAllowed");
        await CheckLabelsAsync(actor, details);
        if (newPassword is not null)
            Reject(PasswordPolicy.Check(newPassword) ?? await ReuseOfAsync(newPassword));

        var before = account.CurrentDetails;
        account.Role = details.Role;
        account.Details = Normalise(details) with { ExpiresAt = details.ExpiresAt ?? before.ExpiresAt };
        account.Disabled = details.Disabled;
        account.MustChangePassword = details.ForceNewPassword;
        if (before.Disabled && !details.Disabled)
        {
            // Enabling an account also lifts a lockout: whoever enables it vouches for whoever uses it next.
            account.LockedUntil = null;
            account.RecentFailures.Clear();
        }
        if (newPassword is not null)
            SetPassword(newPassword);
        var after = account.CurrentDetails;
        // Whatever the session cookie carries must not outlive its change.
        if (before.Role != after.Role || before.Disabled != after.Disabled || !before.LabelList.SequenceEqual(after.LabelList)
            || before.Kiosk != after.Kiosk || before.SessionTimeoutMinutes != after.SessionTimeoutMinutes
            || before.ForceNewPassword != after.ForceNewPassword || before.ExpiresAt != after.ExpiresAt)
            account.SecurityStamp = NewStamp();
        await SaveOrForgetAsync();
        await Accounts.UpsertAsync(View());
        await AuditAsync(SecurityEvents.AccountUpdated, actor.Login, AccountChanges.Describe(before, account.CurrentDetails, newPassword is not null));
        return View();
    }

    public async Task DeleteAsync(Actor actor)
    {
        if (!Exists)
            throw new AccountRejectedException("AccountUnknown");
        if (IsSelf(actor))
            throw new AccountRejectedException("CannotDeleteYourself");
        if (!Permissions.MayManageAccount(actor.Role, actor.Login, state.State.Role, state.State.CreatedBy))
            throw new AccountRejectedException("NotAllowed");
        await RequireActorAsync(actor);
        var login = state.State.Login;
        await state.ClearStateAsync();
        await Accounts.RemoveAsync(login);
        await ForgetAssignmentsAsync(login);
        await audit.AppendAsync(new SecurityEvent(Now, SecurityEvents.AccountDeleted, actor.Login, login));
        DeactivateOnIdle();
    }

    /// <summary>
    /// Customers assign users by login: a deleted account's login must not hand its customers to whoever gets that login
    /// next. Done at deletion, and again at creation in case a deletion's clean-up was cut short.
    /// </summary>
    private async Task ForgetAssignmentsAsync(string login)
    {
        var customers = await customerRows.AssignedToAsync(login);
        // A few at a time: each call may activate a customer, and each activation reads PostgreSQL.
        foreach (var some in customers.Chunk(FanOut))
            await Task.WhenAll(some.Select(id => GrainFactory.GetGrain<ICustomerAdministrationGrain>(CustomerIds.GrainKey(id)).ForgetAssigneeAsync(login)));
    }

    public Task<bool> ExistsAsync() => Task.FromResult(Exists);

    public Task<string?> SessionStampAsync() =>
        Task.FromResult(Exists && !state.State.Disabled && !(state.State.Details?.ExpiresAt is { } expiry && expiry <= Now) ? state.State.SecurityStamp : null);

    public Task<AccountView?> GetAsync() => Task.FromResult(Exists ? View() : null);

    public async Task<SignInVerdict> SignInAsync(string password, string? address)
    {
        signInAddress = address ?? "";
        if (!Exists)
            return await UnknownLoginAttemptAsync(password);
        var account = state.State;
        if (Lockout.IsLocked(account.LockedUntil, Now))
        {
            // Once per lock: refusals during a lock would otherwise let anyone fill the log.
            if (lockRefusalAudited != account.LockedUntil)
            {
                lockRefusalAudited = account.LockedUntil;
                await AuditAsync(SecurityEvents.SignInRefused, "", "locked");
            }
            return SignInVerdict.Refused(SignInOutcome.Locked, account.LockedUntil);
        }

        var verdict = string.IsNullOrEmpty(password) ? PasswordVerificationResult.Failed : Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
            return await FailedAttemptAsync(account);

        account.RecentFailures.Clear();
        if (!account.Disabled && account.Details?.ExpiresAt is { } expiry && expiry <= Now)
        {
            // SPEC AUTH-7: an expired account becomes disabled and stays so until an Administrator enables it again.
            account.Disabled = true;
            await state.WriteStateAsync();
            await Accounts.UpsertAsync(View());
            await AuditAsync(SecurityEvents.AccountExpired, "", "");
            return SignInVerdict.Refused(SignInOutcome.Expired);
        }
        if (account.Disabled)
        {
            await AuditAsync(SecurityEvents.SignInRefused, "", "disabled");
            return SignInVerdict.Refused(SignInOutcome.Disabled);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            account.PasswordHash = Hasher.HashPassword(account, password);
        if (account.SecurityStamp.Length == 0)
            account.SecurityStamp = NewStamp();
        await state.WriteStateAsync();
        await AuditAsync(SecurityEvents.SignInSucceeded, "", "");
        var details = account.CurrentDetails;
        return new SignInVerdict(SignInOutcome.Success, account.Login, account.Role, account.MustChangePassword,
            details.SessionTimeoutMinutes, details.Kiosk && Permissions.MayUseKiosk(account.Role), Stamp: account.SecurityStamp);
    }

    public async Task<AccountView> UpdateProfileAsync(ProfileDetails profile)
    {
        if (!Exists)
            throw new AccountRejectedException("AccountUnknown");
        var account = state.State;
        if (account.Disabled)
            throw new AccountRejectedException("NotAllowed");
        var before = account.CurrentDetails;
        var after = before with { FirstName = profile.FirstName, LastName = profile.LastName, Phone = profile.Phone, Mobile = profile.Mobile, Email = profile.Email };
        Reject(AccountRules.Check(after));
        account.Details = Normalise(after);
        await SaveOrForgetAsync();
        await Accounts.UpsertAsync(View());
        await AuditAsync(SecurityEvents.AccountUpdated, account.Login, AccountChanges.Describe(before, account.CurrentDetails, passwordSet: false));
        return View();
    }

    public async Task SetAvatarAsync(byte[]? png)
    {
        if (!Exists || state.State.Disabled)
            throw new AccountRejectedException("AccountUnknown");
        // The web front re-encodes uploads; this only makes sure nothing else is ever stored and served back.
        if (png is not null && (png.Length > IUserGrain.AvatarMaxBytes || !png.AsSpan().StartsWith(PngSignature)))
            throw new AccountRejectedException("AvatarNotAnImage");
        state.State.Avatar = png;
        await SaveOrForgetAsync();
    }

    public Task<byte[]?> GetAvatarAsync() => Task.FromResult(Exists ? state.State.Avatar : null);

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public async Task ChangePasswordAsync(string currentPassword, string newPassword)
    {
        if (!Exists)
            throw new AccountRejectedException("AccountUnknown");
        var account = state.State;
        if (Lockout.IsLocked(account.LockedUntil, Now))
            throw new AccountRejectedException("SignInLocked");
        if (string.IsNullOrEmpty(currentPassword)
            || Hasher.VerifyHashedPassword(account, account.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            // A stolen session must not be a way to guess the password without the lockout.
            await FailedAttemptAsync(account);
            throw new AccountRejectedException("CurrentPasswordWrong");
        }
        Reject(PasswordPolicy.Check(newPassword) ?? await ReuseOfAsync(newPassword));
        SetPassword(newPassword);
        account.MustChangePassword = false;
        await SaveOrForgetAsync();
        await AuditAsync(SecurityEvents.PasswordChanged, account.Login, "");
    }

    private async Task<SignInVerdict> UnknownLoginAttemptAsync(string password)
    {
        if (Lockout.IsLocked(unknownLoginLockedUntil, Now))
            return SignInVerdict.Refused(SignInOutcome.Locked, unknownLoginLockedUntil);
        // The same hashing work as for a real account, so the answer's timing does not tell which logins exist.
        Hasher.VerifyHashedPassword(DummyAccount, DummyHash, password ?? "");
        unknownLoginLockedUntil = Lockout.RecordFailure(unknownLoginFailures, Now) ?? unknownLoginLockedUntil;
        // At most three rows per ten minutes per login: guesses are recorded without letting anyone fill the log.
        await audit.AppendAsync(new SecurityEvent(Now, SecurityEvents.SignInFailed, "", this.GetPrimaryKeyString()["user:".Length..], "unknown login", signInAddress));
        return SignInVerdict.Refused(SignInOutcome.InvalidCredentials);
    }

    private async Task<SignInVerdict> FailedAttemptAsync(UserAccount account)
    {
        var lockedUntil = Lockout.RecordFailure(account.RecentFailures, Now);
        account.LockedUntil = lockedUntil ?? account.LockedUntil;
        // Written before answering: a failure counted only in memory would be forgotten by a silo that dies.
        await state.WriteStateAsync();
        await AuditAsync(SecurityEvents.SignInFailed, "", "");
        if (lockedUntil is not null)
        {
            await Accounts.UpsertAsync(View());
            await AuditAsync(SecurityEvents.AccountLocked, "", $"until={lockedUntil:O}");
        }
        return SignInVerdict.Refused(SignInOutcome.InvalidCredentials);
    }

    private void CheckNew(string login, string password)
    {
        if (Exists)
            throw new AccountRejectedException("LoginTaken");
        Reject(AccountRules.CheckLogin(login));
        if (IUserGrain.KeyFor(login) != this.GetPrimaryKeyString())
            throw new AccountRejectedException("LoginMismatch");
        Reject(PasswordPolicy.Check(password));
    }

    /// <summary>A Supervisor gives its Operators only labels it has itself (SPEC USER-3).</summary>
    private async Task CheckLabelsAsync(Actor actor, AccountDetails details)
    {
        if (Permissions.Allows(actor.Role, Capability.ManageAllAccounts) || details.LabelList.Count == 0)
            return;
        var own = await GrainFactory.GetGrain<IUserGrain>(IUserGrain.KeyFor(actor.Login)).GetAsync();
        var allowed = own?.Details.LabelList ?? [];
        if (details.LabelList.Any(l => !allowed.Contains(l.Trim(), StringComparer.OrdinalIgnoreCase)))
            throw new AccountRejectedException("LabelNotYours");
    }

    private async Task<string?> ReuseOfAsync(string password)
    {
        var account = state.State;
        var remembered = (await GrainFactory.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key).GetAsync()).PasswordHistoryCount;
        var recent = new[] { account.PasswordHash }.Concat(account.PreviousPasswordHashes).Take(Math.Max(1, remembered));
        return recent.Any(hash => Hasher.VerifyHashedPassword(account, hash, password) != PasswordVerificationResult.Failed)
            ? "PasswordReused"
            : null;
    }

    /// <summary>Keeps the longest history the preference may ask for; how much of it counts is read when checking.</summary>
    private void SetPassword(string password)
    {
        var account = state.State;
        account.PreviousPasswordHashes.Insert(0, account.PasswordHash);
        if (account.PreviousPasswordHashes.Count > ServerPreferences.PasswordHistoryMax)
            account.PreviousPasswordHashes.RemoveRange(ServerPreferences.PasswordHistoryMax, account.PreviousPasswordHashes.Count - ServerPreferences.PasswordHistoryMax);
        account.PasswordHash = Hasher.HashPassword(account, password);
        account.SecurityStamp = NewStamp();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    private bool IsSelf(Actor actor) => IUserGrain.KeyFor(actor.Login) == this.GetPrimaryKeyString();

    private AccountView View() => new(state.State.Login, state.State.CurrentDetails, state.State.CreatedBy, state.State.CreatedAt, state.State.LockedUntil);

    /// <summary>Checks the acting user against its account as it is now; for itself, against this grain's own state.</summary>
    private Task RequireActorAsync(Actor actor)
    {
        if (!IsSelf(actor))
            return ActorCheck.RequireAsync(GrainFactory, actor, Now);
        if (!ActorCheck.Holds(Exists ? View() : null, actor, Now))
            throw new AccountRejectedException("NotAllowed");
        return Task.CompletedTask;
    }

    /// <summary>Writes the state; if that fails, reads it back, so a change reported as failed never lingers in memory.</summary>
    private async Task SaveOrForgetAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }

    private static AccountDetails Normalise(AccountDetails details) => details with
    {
        FirstName = Blank(details.FirstName),
        LastName = Blank(details.LastName),
        Phone = Blank(details.Phone),
        Mobile = Blank(details.Mobile),
        Email = Blank(details.Email),
        Labels = [.. details.LabelList.Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
        Kiosk = details.Kiosk && Permissions.MayUseKiosk(details.Role),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Reject(string? reason)
    {
        if (reason is not null)
            throw new AccountRejectedException(reason);
    }

    private Task AuditAsync(string securityEvent, string actor, string detail) =>
        audit.AppendAsync(new SecurityEvent(Now, securityEvent, actor.Length > 0 ? actor : state.State.Login, state.State.Login, detail,
            securityEvent is SecurityEvents.SignInSucceeded or SecurityEvents.SignInFailed or SecurityEvents.SignInRefused or SecurityEvents.AccountLocked
                ? signInAddress
                : ""));
}
