using CarePathway.Server.Features.Common;
using MediatR;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>
/// A transaction bundle: every entry taken in, in order, in one database transaction, or none. An Observation may name
/// a Patient entry of the same bundle as its subject (by <c>fullUrl</c>). A refused entry refuses the bundle, named by
/// its place (<c>Bundle.entry[3].resource.valueQuantity.code</c>); the deliveries to waiting pathways are made after
/// the commit, as for a typed-in entry.
/// </summary>
public sealed record ReceiveTransaction(IReadOnlyList<InboundEntry> Entries) : ICommand<IReadOnlyList<EntryOutcome>>
{
    public string AuditAction => "fhir.transaction";
    public string? AuditTarget => $"{Entries.Count} entries";
}

internal sealed class ReceiveTransactionHandler(IMediator mediator) : IRequestHandler<ReceiveTransaction, IReadOnlyList<EntryOutcome>>
{
    public async Task<IReadOnlyList<EntryOutcome>> Handle(ReceiveTransaction request, CancellationToken cancellationToken)
    {
        var patientsByFullUrl = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var outcomes = new List<EntryOutcome>();
        for (var index = 0; index < request.Entries.Count; index++)
        {
            var entry = request.Entries[index];
            try
            {
                var outcome = await mediator.Send(FhirEntries.Command(entry, patientsByFullUrl), cancellationToken);
                if (entry is InboundPatient { FullUrl: { } fullUrl }) patientsByFullUrl[fullUrl] = outcome.PatientId;
                outcomes.Add(outcome);
            }
            catch (FhirRefusedException refused)
            {
                throw refused.InEntry(index);
            }
        }

        return outcomes;
    }
}

internal static class FhirEntries
{
    /// <summary>The command that takes in an entry; an Observation's subject that is a Patient entry of the bundle becomes that patient.</summary>
    public static ICommand<EntryOutcome> Command(InboundEntry entry, IReadOnlyDictionary<string, Guid> patientsByFullUrl) => entry switch
    {
        InboundPatient patient => new ReceivePatient(patient),
        InboundObservation { Subject.BundleEntry: { } local } observation when patientsByFullUrl.TryGetValue(local, out var patientId) =>
            new ReceiveObservation(observation with { Subject = new SubjectReference(patientId, null, null) }),
        InboundObservation observation => new ReceiveObservation(observation),
        _ => throw new ArgumentException($"no command takes in a {entry.GetType().Name}", nameof(entry)),
    };
}
