using System.Collections;
using System.Globalization;
using System.Resources;
using Com.Grains.Interfaces.Customers;
using Com.WebFront.Resources;

namespace Com.Tests.WebFront;

/// <summary>Each language's own resources, read without falling back to English: a missing French text would show English.</summary>
[Trait("Category", "Unit")]
public sealed class ResourcesTests
{
    private static readonly ResourceManager Strings = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    private static Dictionary<string, string?> Own(string culture) =>
        Strings.GetResourceSet(culture.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture), true, false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string);

    [Theory]
    [InlineData("")]
    [InlineData("fr")]
    public void EveryConnectivityCode_HasAMessageOfItsOwn(string culture)
    {
        var texts = Own(culture);

        var missing = Enum.GetValues<ConnectivityCode>()
            .Select(code => $"Connectivity{code}")
            .Where(key => string.IsNullOrWhiteSpace(texts.GetValueOrDefault(key)))
            .ToList();

        missing.ShouldBeEmpty($"connectivity messages without a text of their own in '{culture}'");
    }

    [Fact]
    public void FrenchResources_GiveEveryEnglishStringANonEmptyFrenchText()
    {
        var french = Own("fr");

        var untranslated = Own("").Keys.Where(key => string.IsNullOrWhiteSpace(french.GetValueOrDefault(key))).ToList();

        untranslated.ShouldBeEmpty("every English string needs its French text in Strings.fr.resx, not English by fallback");
    }

    [Fact]
    public void FrenchResources_HaveNoStringThatEnglishLacks()
    {
        var english = Own("");

        Own("fr").Keys.Where(key => !english.ContainsKey(key)).ShouldBeEmpty("a French-only key is a typo or a leftover");
    }
}
