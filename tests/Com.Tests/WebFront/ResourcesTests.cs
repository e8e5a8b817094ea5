using System.Globalization;
using System.Resources;
using Com.Grains.Interfaces.Customers;
using Com.WebFront.Resources;

namespace Com.Tests.WebFront;

public sealed class ResourcesTests
{
    private static readonly ResourceManager Strings = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void EveryConnectivityCode_HasAMessage(string culture)
    {
        var missing = Enum.GetValues<ConnectivityCode>()
            .Select(code => $"Connectivity{code}")
            .Where(key => string.IsNullOrEmpty(Strings.GetString(key, CultureInfo.GetCultureInfo(culture))))
            .ToList();

        missing.ShouldBeEmpty($"connectivity messages without a {culture} text");
    }

    [Fact]
    public void FrenchResources_TranslateEveryEnglishString()
    {
        var english = Strings.GetResourceSet(CultureInfo.InvariantCulture, true, true)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key);
        var french = Strings.GetResourceSet(CultureInfo.GetCultureInfo("fr"), true, false)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key);

        english.Except(french).ShouldBeEmpty("every English string needs its French version");
    }
}
