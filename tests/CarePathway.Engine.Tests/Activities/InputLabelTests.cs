using CarePathway.Engine.Activities;

namespace CarePathway.Engine.Tests.Activities;

/// <summary>The words the designer labels an input with, made from its property's name.</summary>
public sealed class InputLabelTests
{
    [Theory]
    [InlineData("DueIn", "Due in")]
    [InlineData("Title", "Title")]
    [InlineData("RecheckWhenLabsExpire", "Recheck when labs expire")]
    [InlineData("MaxDoseMg", "Max dose (mg)")]
    [InlineData("AnnualCapMgPerKg", "Annual cap (mg/kg)")]
    [InlineData("WeightChangePercent", "Weight change (%)")]
    [InlineData("Doses", "Doses")]
    public void A_property_name_becomes_words_with_a_trailing_unit_in_brackets(string propertyName, string label) =>
        Assert.Equal(label, InputLabel.FromPropertyName(propertyName));

    [Fact]
    public void The_catalog_labels_every_input_in_words_and_takes_a_declared_label_over_the_made_one()
    {
        var reminder = ActivityCatalog.Default.Descriptors.Single(d => d.Type == "Reminder");
        Assert.Equal("Due in", reminder.Inputs.Single(i => i.Name == "dueIn").Label);
        var dose = ActivityCatalog.Default.Descriptors.Single(d => d.Type == "DoseCalculation");
        Assert.Equal("Dose (mg/kg)", dose.Inputs.Single(i => i.Name == "mgPerKg").Label);
        var start = ActivityCatalog.Default.Descriptors.Single(d => d.Type == "Start");
        Assert.Equal("Expression", start.Inputs.Single(i => i.Name == "eligibility").Fields!.Single(f => f.Name == "expression").Label);
    }
}
