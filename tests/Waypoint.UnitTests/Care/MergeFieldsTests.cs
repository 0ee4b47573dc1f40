using Waypoint.Modules.Care.Domain;
using Waypoint.Modules.Care.Messages.Compose;
using Waypoint.Platform.Security;

namespace Waypoint.UnitTests.Care;

public sealed class MergeFieldsTests
{
    private static readonly Dictionary<string, string?> Values = new(StringComparer.Ordinal)
    {
        [MergeFields.VictimName] = "Alex Smith",
        [MergeFields.CrimeReference] = "NS/26/123456",
        [MergeFields.OfficerName] = "DC Jones",
        [MergeFields.UnitName] = "Northshire Victim Care",
        [MergeFields.Date] = "23 November 2026",
        [MergeFields.Offence] = null,
    };

    [Fact]
    public void Every_known_field_is_replaced_and_spaces_inside_the_brackets_are_allowed()
    {
        var text = MergeFields.Render("Dear ((victim_name)), ref (( crime_reference )). ((officer_name)), ((unit_name)), ((date)).", Values);
        Assert.Equal("Dear Alex Smith, ref NS/26/123456. DC Jones, Northshire Victim Care, 23 November 2026.", text);
    }

    [Fact]
    public void A_known_field_without_a_value_becomes_empty_and_text_without_fields_is_unchanged()
    {
        Assert.Equal("Offence: .", MergeFields.Render("Offence: ((offence)).", Values));
        Assert.Equal("No fields (here) at all", MergeFields.Render("No fields (here) at all", Values));
        Assert.Equal("", MergeFields.Render(null, Values));
    }

    [Fact]
    public void An_unknown_field_is_a_problem_naming_it_and_is_never_merged()
    {
        var problems = MergeFields.Problems("Dear ((victim_nmae)) and ((victim_name)) and ((Victim_Name))", "The body");
        var problem = Assert.Single(problems);
        Assert.Contains("((victim_nmae)), ((Victim_Name))", problem, StringComparison.Ordinal);
        Assert.StartsWith("The body uses unknown merge fields", problem, StringComparison.Ordinal);
        Assert.Equal("Dear ((victim_nmae))", MergeFields.Render("Dear ((victim_nmae))", Values));
    }

    [Theory]
    [InlineData("Dear ((victim_name)")]
    [InlineData("Dear victim_name))")]
    [InlineData("Dear ((victim_name ((date))")]
    public void A_field_left_open_is_a_problem(string text) =>
        Assert.Contains(MergeFields.Problems(text, "The body"), p => p.Contains("not closed", StringComparison.Ordinal));

    [Fact]
    public void Valid_text_has_no_problems_and_lists_its_fields_once_in_order()
    {
        Assert.Empty(MergeFields.Problems("((date)) ((victim_name)) ((date))", "The body"));
        Assert.Equal(["date", "victim_name"], MergeFields.Used("((date)) ((victim_name)) ((date))"));
    }

    [Fact]
    public void The_preferred_language_is_chosen_only_when_the_template_has_a_version_in_it()
    {
        var template = new MessageTemplate(Guid.NewGuid(), "Update", ContactChannel.Letter, MessagePurpose.InvestigationUpdate, Actor.System(Guid.NewGuid(), DateTime.UtcNow));
        template.SetVersions([("en", "Subject", "Body"), ("cy", "Pwnc", "Corff")]);
        Assert.Equal("cy", SendMessageHandler.DefaultLanguage(template, "cy"));
        Assert.Equal("cy", SendMessageHandler.DefaultLanguage(template, "Welsh"));
        Assert.Equal("en", SendMessageHandler.DefaultLanguage(template, "pl"));
        Assert.Equal("en", SendMessageHandler.DefaultLanguage(template, null));
    }
}
