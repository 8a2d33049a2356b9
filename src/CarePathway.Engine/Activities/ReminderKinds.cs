namespace CarePathway.Engine.Activities;

/// <summary>
/// What a reminder is about: stable names the timeline, the simulator and the worklists use. They stay strings: a
/// definition gives one as a Choice input's value (<see cref="ActivityDescriptor"/> options are text), and a task's
/// kind, which the reminder's becomes, is open (<see cref="TaskKinds"/>).
/// </summary>
public static class ReminderKinds
{
    public const string Imaging = "imaging";
    public const string Renal = "renal";
    public const string Albuminuria = "albuminuria";
    public const string Calcium = "calcium";
    public const string Phosphate = "phosphate";
    public const string VitaminD = "vitamin-d";
    public const string Dental = "dental";
    public const string SteroidStressDose = "steroid-stress-dose";
    public const string AcutePhaseProphylaxis = "acute-phase-prophylaxis";

    /// <summary>Weight (and height) to take again: the latest is older than the pathway allows a dose to be planned on.</summary>
    public const string Measurements = "measurements";

    public static readonly IReadOnlyList<string> All =
        [Imaging, Renal, Albuminuria, Calcium, Phosphate, VitaminD, Dental, SteroidStressDose, AcutePhaseProphylaxis, Measurements];
}
