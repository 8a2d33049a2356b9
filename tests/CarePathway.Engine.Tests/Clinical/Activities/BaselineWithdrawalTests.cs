using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Tests.Testing;
using static CarePathway.Engine.Tests.Clinical.Activities.CourseRun;
using static CarePathway.Engine.Tests.Testing.ClinicalPathways;

namespace CarePathway.Engine.Tests.Clinical.Activities;

/// <summary>
/// A baseline does not outlive its result (H11): the creatinine the course took as baseline is entered in error, and
/// the baseline is taken again from the valid result before it, or removed when there is none; a later result entered
/// in error leaves the baseline alone. The store drops a withdrawn result from the patient's history, as here.
/// </summary>
public class BaselineWithdrawalTests
{
    [Fact]
    public void A_baseline_entered_in_error_is_taken_again_from_the_valid_result_before_it()
    {
        var patient = Child(creatinine: 0.55m);
        var earlier = new LabObservation(Creatinine, 0.50m, "mg/dL", RunHarness.T0.AddDays(-30));
        patient.Labs.Add(earlier);
        var run = Start(patient);
        var wrong = run.Patient.LatestLab(Creatinine)!;
        Assert.Equal(0.55m, run.State.Baselines[Creatinine].Value);

        run.Patient.Labs.Remove(wrong);
        run.Resume(new LabWithdrawn(Creatinine, wrong.ObservedAt, "dr.lee", "another child's sample"));

        Assert.Equal(new LabValue(0.50m, "mg/dL", earlier.ObservedAt), run.State.Baselines[Creatinine]);
        var change = Assert.Single(Assert.Single(Data(run, JournalTypes.LabWithdrawn))["baselines"]!.AsArray())!;
        Assert.Equal((Creatinine, 0.55m, 0.50m), (change["code"]!.GetValue<string>(), change["was"]!["value"]!.GetValue<decimal>(), change["now"]!["value"]!.GetValue<decimal>()));
    }

    [Fact]
    public void A_baseline_entered_in_error_with_no_valid_result_before_it_is_removed_so_no_gate_compares_with_it()
    {
        var run = Start();
        var wrong = run.Patient.LatestLab(Creatinine)!;

        run.Patient.Labs.Remove(wrong);
        run.Resume(new LabWithdrawn(Creatinine, wrong.ObservedAt, "dr.lee", "another child's sample"));

        Assert.False(run.State.Baselines.ContainsKey(Creatinine));
        var change = Assert.Single(Assert.Single(Data(run, JournalTypes.LabWithdrawn))["baselines"]!.AsArray())!;
        Assert.Null(change["now"]);
    }

    [Fact]
    public void A_later_result_entered_in_error_leaves_the_baseline_as_it_was()
    {
        var run = Start();
        GiveCycle(run, creatinine: 0.58m);
        var later = run.Patient.LatestLab(Creatinine)!;
        Assert.Equal(0.58m, later.Value);

        run.Patient.Labs.Remove(later);
        run.Resume(new LabWithdrawn(Creatinine, later.ObservedAt, "dr.lee", "haemolysed"));

        Assert.Equal(0.55m, run.State.Baselines[Creatinine].Value);
        Assert.Empty(Assert.Single(Data(run, JournalTypes.LabWithdrawn))["baselines"]!.AsArray());
    }
}
