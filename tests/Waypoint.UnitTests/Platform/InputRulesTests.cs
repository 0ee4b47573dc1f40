using CsCheck;
using Waypoint.Modules.Administration.Domain;
using Waypoint.Modules.Cases.Domain;
using Waypoint.Platform.Http;
using Waypoint.Platform.Security;
using Waypoint.Platform.Ui;

namespace Waypoint.UnitTests.Platform;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("SW1A 1AA", true)]
    [InlineData("sw1a1aa", true)]
    [InlineData("M1 1AE", true)]
    [InlineData("CR2 6XH", true)]
    [InlineData("DN55 1PT", true)]
    [InlineData("GIR 0AA", true)]
    [InlineData("12345", false)]
    [InlineData("Q1 1AA", false)]
    [InlineData("SW1A 1AAA", false)]
    [InlineData("", false)]
    public void Postcodes_are_checked_for_shape(string postcode, bool valid) =>
        Assert.Equal(valid, Postcodes.IsValid(postcode));

    [Fact]
    public void A_valid_postcode_is_stored_upper_case_with_one_space_however_it_was_typed()
    {
        Assert.Equal("SW1A 1AA", Postcodes.Normalise(" sw1a1aa "));
        Assert.Equal("M1 1AE", Postcodes.Normalise("m1   1ae"));
    }

    [Fact]
    public void Normalising_a_postcode_twice_changes_nothing()
    {
        var outward = Gen.Char["ABCDEFGHKLMNOPRSTUWYZ"].Select(Gen.Int[1, 99], (a, n) => $"{a}{n}");
        var inward = Gen.Int[0, 9].Select(Gen.Char["ABDEFGHJLNPQRSTUWXYZ"], Gen.Char["ABDEFGHJLNPQRSTUWXYZ"], (d, x, y) => $"{d}{x}{y}");
        outward.Select(inward, Gen.Bool, (o, i, space) => space ? $"{o} {i}".ToLowerInvariant() : o + i).Sample(p =>
        {
            var once = Postcodes.Normalise(p);
            return Postcodes.Normalise(once) == once && Postcodes.IsValid(once);
        });
    }

    [Theory]
    [InlineData("name@example.com", true)]
    [InlineData("first.last@police.example.uk", true)]
    [InlineData("not-an-email", false)]
    [InlineData("Someone <someone@example.com>", false)]
    [InlineData("a@b", false)]
    public void Email_addresses_must_be_plain_and_complete(string email, bool valid) =>
        Assert.Equal(valid, ValidationErrors.IsEmail(email));

    [Theory]
    [InlineData("27/3/2007", 2007, 3, 27)]
    [InlineData("27/03/2007", 2007, 3, 27)]
    [InlineData("2007-03-27", 2007, 3, 27)]
    [InlineData("27 3 2007", 2007, 3, 27)]
    public void Dates_are_read_in_the_ways_people_type_them(string text, int y, int m, int d)
    {
        var form = new FormState();

        Assert.Equal(new DateOnly(y, m, d), form.Date(text, "DateOfBirth", "Date of birth"));
        Assert.False(form.HasErrors);
    }

    [Fact]
    public void An_impossible_date_is_an_error_that_names_the_field()
    {
        var form = new FormState();

        Assert.Null(form.Date("30/2/1990", "DateOfBirth", "Date of birth"));
        Assert.Equal("Date of birth must be a real date, like 27/3/2007", form.ErrorFor("DateOfBirth"));
    }

    [Fact]
    public void Organisation_codes_are_stored_trimmed_and_upper_case()
    {
        var org = new Organisation(" ns ", " Northshire Police ", OrganisationType.PoliceForce, DateTime.UtcNow);

        Assert.Equal("NS", org.Code);
        Assert.Equal("Northshire Police", org.Name);
    }

    [Fact]
    public void Api_token_secrets_are_random_prefixed_and_stored_only_as_their_hash()
    {
        var a = ApiTokens.NewSecret();
        var b = ApiTokens.NewSecret();

        Assert.StartsWith("wpt_", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 40);
        Assert.Matches("^[0-9a-f]{64}$", ApiTokens.HashOf(a));
        Assert.DoesNotContain(a[4..], ApiTokens.HashOf(a), StringComparison.Ordinal);
        Assert.Equal(10, ApiTokens.DisplayPrefix(a).Length);
    }

    [Fact]
    public void A_token_stops_working_when_it_expires_or_is_revoked()
    {
        var now = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        var token = new ApiToken(Guid.CreateVersion7(), "Records system", "hash", "wpt_abc", [Permissions.CasesRead], now.AddDays(1), Guid.CreateVersion7(), now);

        Assert.True(token.IsActive(now));
        Assert.False(token.IsActive(now.AddDays(1)));
        token.Revoke(now.AddHours(1));
        Assert.False(token.IsActive(now.AddHours(2)));
    }

    [Fact]
    public void Temporary_passwords_are_long_and_different_every_time()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => Waypoint.Modules.Administration.OrganisationBootstrap.NewTemporaryPassword()).ToList();

        Assert.All(passwords, p => Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", p));
        Assert.Equal(50, passwords.Distinct().Count());
    }
}
