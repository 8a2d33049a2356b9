namespace CarePathway.Benchmarks.Ward;

/// <summary>What a ward's clients do, and how often (weights out of 100).</summary>
internal enum WardOperation
{
    /// <summary>A coordinator's worklist tab: <c>GET /api/tasks</c>, 25 a page.</summary>
    WorklistRead,

    /// <summary>A creatinine typed in for one of the client's patients.</summary>
    LabEntry,

    /// <summary>A coordinator completes a reminder (the infusion booking, the GP letter).</summary>
    TaskCompletion,

    /// <summary>A clinician approves an escalation, which opens two reminders.</summary>
    Approval,

    /// <summary>A new patient is created and started on the sample pathway (when a client has no approval left).</summary>
    Admission,
}

internal static class WardMix
{
    /// <summary>Reads half the time; the rest split between labs, completions and approvals, as a ward's day is.</summary>
    public static readonly (WardOperation Operation, int Weight)[] Weights =
    [
        (WardOperation.WorklistRead, 50),
        (WardOperation.LabEntry, 20),
        (WardOperation.TaskCompletion, 15),
        (WardOperation.Approval, 15),
    ];

    public static WardOperation Pick(Random random)
    {
        var roll = random.Next(Weights.Sum(w => w.Weight));
        foreach (var (operation, weight) in Weights)
        {
            if (roll < weight) return operation;
            roll -= weight;
        }

        throw new InvalidOperationException("the weights do not add up");
    }
}
