using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Clinical.Activities.CourseRun;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

/// <summary>
/// A renal function does not outlive its creatinine (H11): the course's eGFR (bedside Schwartz, 146 cm) was worked out
/// from a creatinine later entered in error; it is worked out again from the valid result before it, or removed when
/// there is none, and the withdrawal's journal entry says so. A result it was not worked out from leaves it alone.
/// </summary>
public class RenalFunctionWithdrawalTests
{
    private const decimal HeightCm = 146m;

    [Fact]
    public void A_clearance_worked_out_from_a_result_entered_in_error_is_worked_out_again_from_the_valid_one_before_it()
    {
        var patient = Child(creatinine: 0.55m);
        var earlier = new LabObservation(Creatinine, 0.80m, "mg/dL", RunHarness.T0.AddDays(-30));
        patient.Labs.Add(earlier);
        var run = Start(patient);
        var wrong = run.Patient.LatestLab(Creatinine)!;
        Assert.Equal(Schwartz(0.55m), Clearance(run));

        run.Patient.Labs.Remove(wrong);
        run.Resume(new LabWithdrawn(Creatinine, wrong.ObservedAt, "dr.lee", "another child's sample"));

        Assert.Equal(Schwartz(0.80m), Clearance(run));
        Assert.Equal(earlier.ObservedAt, run.State.RenalFunctions!["clearance"].CreatinineObservedAt);
        var change = Assert.Single(Assert.Single(Data(run, JournalTypes.LabWithdrawn))["renalFunctions"]!.AsArray())!;
        Assert.Equal("clearance", change["variable"]!.GetValue<string>());
        Assert.Equal(Schwartz(0.55m), change["was"]!["value"]!.GetValue<decimal>());
        Assert.Equal(Math.Round(Schwartz(0.80m), 1), change["now"]!["value"]!.GetValue<decimal>());
        Assert.Contains("0.8", change["now"]!["explanation"]!.GetValue<string>());
    }

    [Fact]
    public void A_clearance_whose_only_creatinine_is_entered_in_error_is_removed_so_no_rule_reads_it()
    {
        var run = Start();
        var wrong = run.Patient.LatestLab(Creatinine)!;
        Assert.True(run.State.Variables.ContainsKey("clearance"));

        run.Patient.Labs.Remove(wrong);
        run.Resume(new LabWithdrawn(Creatinine, wrong.ObservedAt, "dr.lee", "another child's sample"));

        Assert.False(run.State.Variables.ContainsKey("clearance"));
        Assert.False(run.State.RenalFunctions!.ContainsKey("clearance"));
        var change = Assert.Single(Assert.Single(Data(run, JournalTypes.LabWithdrawn))["renalFunctions"]!.AsArray())!;
        Assert.Null(change["now"]);
    }

    [Fact]
    public void A_result_the_clearance_was_not_worked_out_from_leaves_it_as_it_was()
    {
        var patient = Child(creatinine: 0.55m);
        var older = new LabObservation(Creatinine, 0.80m, "mg/dL", RunHarness.T0.AddDays(-30));
        patient.Labs.Add(older);
        var run = Start(patient);

        run.Patient.Labs.Remove(older);
        run.Resume(new LabWithdrawn(Creatinine, older.ObservedAt, "dr.lee", "haemolysed"));

        Assert.Equal(Schwartz(0.55m), Clearance(run));
        Assert.Empty(Assert.Single(Data(run, JournalTypes.LabWithdrawn))["renalFunctions"]!.AsArray());
    }

    private static decimal Schwartz(decimal creatinineMgPerDl) =>
        ClinicalFormat.Computed(RenalFunction.BedsideSchwartz(HeightCm, creatinineMgPerDl, "mg/dL").Value);

    private static decimal Clearance(RunHarness run) => run.State.Variables["clearance"]!["value"]!.GetValue<decimal>();
}
