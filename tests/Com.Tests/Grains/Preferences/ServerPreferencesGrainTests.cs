using Com.Grains.Interfaces.Preferences;
using Com.Tests.Infrastructure;

namespace Com.Tests.Grains.Preferences;

[Trait("Category", "Cluster")]
public sealed class ServerPreferencesGrainTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private IServerPreferencesGrain Grain => cluster.Grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key);

    [Fact]
    public async Task SetSystemName_SurvivesTheDeathOfTheSiloThatHeldIt()
    {
        await Grain.SetSystemNameAsync("Distributor North");
        var holder = await cluster.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(Grain);
        var silo = cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(holder));

        await cluster.Cluster.KillSiloAsync(silo);
        var afterKill = await Grain.GetAsync();

        afterKill.SystemName.ShouldBe("Distributor North", "the name must come back from PostgreSQL on another silo");
        cluster.Cluster.GetActiveSilos().Count().ShouldBe(2);
    }

    [Theory]
    [InlineData("", "SystemNameRequired")]
    [InlineData("   ", "SystemNameRequired")]
    [InlineData("A name that is far too long for the bar", "SystemNameTooLong")]
    [InlineData("bell\u0007", "SystemNameInvalidCharacters")]
    public async Task SetSystemName_WithBadInput_IsRefusedWithAReasonAndChangesNothing(string bad, string reason)
    {
        var before = await Grain.GetAsync();

        var refused = await Should.ThrowAsync<PreferenceRejectedException>(() => Grain.SetSystemNameAsync(bad));

        refused.Reason.ShouldBe(reason);
        (await Grain.GetAsync()).ShouldBe(before, "a refused value must leave the preferences as they were");
    }

    [Fact]
    public async Task SecurityBanner_KeepsOnlyHeadingsParagraphsAndEmphasis()
    {
        var saved = await Grain.SetSecurityAsync(new SecurityPreferences(20, 5, new SecurityBanner(true, " Notice ",
            "<h3 onclick=\"x()\">Authorised use only</h3><p style=\"color:red\">Be <b>careful</b>, <i>very</i> <u>careful</u>.</p>"
            + "<script>alert(1)</script><img src=x onerror=alert(2)><a href=\"javascript:alert(3)\">link</a>")));

        saved.SessionTimeoutMinutes.ShouldBe(20);
        saved.PasswordHistoryCount.ShouldBe(5);
        var banner = saved.Banner.ShouldNotBeNull();
        banner.Title.ShouldBe("Notice");
        banner.Html.ShouldBe("<h3>Authorised use only</h3><p>Be <b>careful</b>, <i>very</i> <u>careful</u>.</p>link");
        (await Grain.GetAsync()).Banner.ShouldBe(banner);
    }

    public static TheoryData<SecurityPreferences, string> BadSecurity => new()
    {
        { new SecurityPreferences(7, 3, new SecurityBanner(false, "", "")), "SessionTimeoutInvalid" },
        { new SecurityPreferences(35, 3, new SecurityBanner(false, "", "")), "SessionTimeoutInvalid" },
        { new SecurityPreferences(15, 0, new SecurityBanner(false, "", "")), "PasswordHistoryInvalid" },
        { new SecurityPreferences(15, 11, new SecurityBanner(false, "", "")), "PasswordHistoryInvalid" },
        { new SecurityPreferences(15, 3, new SecurityBanner(true, "", " ")), "BannerEmpty" },
        { new SecurityPreferences(15, 3, new SecurityBanner(true, new string('t', 101), "")), "BannerTitleInvalid" },
        { new SecurityPreferences(15, 3, new SecurityBanner(true, "T", new string('p', 4001))), "BannerTooLong" },
    };

    [Theory]
    [MemberData(nameof(BadSecurity))]
    public async Task SecurityPreferences_WithBadInput_AreRefusedAndChangeNothing(SecurityPreferences bad, string reason)
    {
        var before = await Grain.GetAsync();

        var refused = await Should.ThrowAsync<PreferenceRejectedException>(() => Grain.SetSecurityAsync(bad));

        refused.Reason.ShouldBe(reason);
        (await Grain.GetAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task SmtpPassword_IsNeverShown_IsKeptForTheSameServer_AndMustBeTypedAgainForAnother()
    {
        var smtp = new SmtpSettings("mail.example.net", 587, SmtpSecurity.StartTls, "com", "Smtp-Secret-1", "com@example.net");
        var saved = await Grain.SetSmtpAsync(smtp);
        saved.Smtp!.Password.ShouldBe("", "pages learn that a password is set, never what it is");
        (await Grain.GetSmtpForSendingAsync())!.Password.ShouldBe("Smtp-Secret-1");

        await Grain.SetSmtpAsync(smtp with { Port = 2525, Password = null });
        (await Grain.GetSmtpForSendingAsync())!.Password.ShouldBe("Smtp-Secret-1", "an empty password keeps the stored one");

        (await Should.ThrowAsync<PreferenceRejectedException>(() => Grain.SetSmtpAsync(smtp with { Host = "evil.example.org", Password = null })))
            .Reason.ShouldBe("SmtpPasswordAgain");
        (await Grain.GetSmtpForSendingAsync())!.Host.ShouldBe("mail.example.net");
        (await Should.ThrowAsync<PreferenceRejectedException>(() => Grain.SetSmtpAsync(smtp with { Sender = "not an address" })))
            .Reason.ShouldBe("SmtpSenderInvalid");
    }
}
