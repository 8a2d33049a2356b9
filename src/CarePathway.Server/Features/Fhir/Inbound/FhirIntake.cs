using CarePathway.Server.Features.Events;
using Hl7.Fhir.Model;
using MediatR;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>
/// What the FHIR endpoint does with what it receives: each resource checked against its R4 profile, read into an entry
/// (<see cref="ObservationReader"/>, <see cref="PatientReader"/>), taken in by its command, and what it stored delivered
/// to the waiting pathways once committed (<see cref="ObservationRecording.DeliverAsync"/>, as for a typed-in entry).
/// </summary>
internal sealed class FhirIntake(IMediator mediator, IOptions<FhirOptions> options, IHttpContextAccessor http, ILogger<FhirIntake> logger)
{
    /// <summary>
    /// A resource posted (or put) alone: 201 when stored as new, 200 when it changed something or nothing.
    /// <paramref name="ifNoneExist"/> is a create's <c>If-None-Exist</c> condition (nothing changes when it matches),
    /// <paramref name="updateCondition"/> a conditional update's query (<c>identifier=...</c>), which must name the resource's own identifier.
    /// </summary>
    public async Task<IResult> ReceiveAsync(Resource resource, string expectedType, string? ifNoneExist, string? updateCondition, CancellationToken ct)
    {
        if (resource.TypeName != expectedType)
            throw new FhirRefusedException(StatusCodes.Status400BadRequest, [new FhirIssue(OperationOutcome.IssueType.Invalid, resource.TypeName, $"this endpoint takes a {expectedType}, not a {resource.TypeName}")]);
        var entry = Read(resource, null, ifNoneExist);
        if (!string.IsNullOrEmpty(updateCondition)) CheckCondition(updateCondition, entry, resource.TypeName, options.Value.MrnSystem);
        var outcome = await mediator.Send(FhirEntries.Command(entry, new Dictionary<string, Guid>()), ct);
        var resumed = await DeliverAsync(outcome, ct);
        return FhirFormat.Result(Report(outcome, resumed), outcome.Result == EntryResult.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, Location(outcome));
    }

    /// <summary>A transaction (all entries or none) or a batch (each entry on its own) bundle; answers the response bundle.</summary>
    public async Task<IResult> ReceiveBundleAsync(Resource resource, CancellationToken ct)
    {
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
            throw FhirRefusedException.Invalid(resource is Bundle ? "Bundle.type" : resource.TypeName, "POST /fhir takes a Bundle of type transaction or batch");
        return bundle.Type == Bundle.BundleType.Transaction ? await TransactionAsync(bundle, ct) : await BatchAsync(bundle, ct);
    }

    private async Task<IResult> TransactionAsync(Bundle bundle, CancellationToken ct)
    {
        var entries = new List<InboundEntry>();
        for (var index = 0; index < bundle.Entry.Count; index++)
        {
            try
            {
                entries.Add(Read(bundle.Entry[index]));
            }
            catch (FhirRefusedException refused)
            {
                throw refused.InEntry(index);
            }
        }

        var outcomes = await mediator.Send(new ReceiveTransaction(entries), ct);
        var answer = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        foreach (var outcome in outcomes)
        {
            var resumed = await DeliverAsync(outcome, ct);
            answer.Entry.Add(ResponseEntry(outcome, resumed));
        }

        return FhirFormat.Result(answer);
    }

    private async Task<IResult> BatchAsync(Bundle bundle, CancellationToken ct)
    {
        var answer = new Bundle { Type = Bundle.BundleType.BatchResponse };
        foreach (var entry in bundle.Entry)
        {
            try
            {
                // Each entry on its own: no entry of a batch may refer to another (R4 3.1.0.11.1).
                var outcome = await mediator.Send(FhirEntries.Command(Read(entry), new Dictionary<string, Guid>()), ct);
                answer.Entry.Add(ResponseEntry(outcome, await DeliverAsync(outcome, ct)));
            }
            catch (Exception failed) when (FhirExceptionHandler.AsRefusal(failed) is { } refused)
            {
                answer.Entry.Add(new Bundle.EntryComponent { Response = new Bundle.ResponseComponent { Status = refused.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), Outcome = refused.Outcome() } });
            }
        }

        return FhirFormat.Result(answer);
    }

    private InboundEntry Read(Bundle.EntryComponent entry)
    {
        if (entry.Resource is null) throw FhirRefusedException.Invalid("Bundle.entry.resource", "is required: this server takes resources (POST or PUT), not deletes or reads");
        FhirAuthorization.RefuseUnscopedEntry(http.HttpContext!.User, entry.Resource);
        if (entry.Request?.Method is not (Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT))
            throw FhirRefusedException.Invalid("Bundle.entry.request.method", "must be POST (create) or PUT (update by identifier)");
        var read = Read(entry.Resource, entry.FullUrl, entry.Request.IfNoneExist);
        if (entry.Request.Method == Bundle.HTTPVerb.PUT && entry.Request.Url?.Contains('?', StringComparison.Ordinal) == true)
            CheckCondition(entry.Request.Url, read, entry.Resource.TypeName, options.Value.MrnSystem);
        return read;
    }

    private InboundEntry Read(Resource resource, string? fullUrl, string? ifNoneExist)
    {
        var errors = FhirProfileValidator.Errors(resource);
        if (errors.Count > 0) throw new FhirRefusedException(StatusCodes.Status422UnprocessableEntity, errors);
        var mrnSystem = options.Value.MrnSystem;
        InboundEntry entry = resource switch
        {
            Observation observation => ObservationReader.Read(observation, fullUrl, ifNoneExist is not null, mrnSystem),
            Patient patient => PatientReader.Read(patient, fullUrl, ifNoneExist is not null, mrnSystem),
            _ => throw new FhirRefusedException(StatusCodes.Status422UnprocessableEntity,
                [new FhirIssue(OperationOutcome.IssueType.NotSupported, resource.TypeName, $"this server takes Observation and Patient resources, not {resource.TypeName}")]),
        };
        if (ifNoneExist is not null) CheckCondition(ifNoneExist, entry, resource.TypeName, mrnSystem);
        return entry;
    }

    /// <summary>A conditional create must be by the resource's own identifier (the one thing this server matches on).</summary>
    private static void CheckCondition(string condition, InboundEntry entry, string type, string mrnSystem)
    {
        // A PUT in a bundle names its resource by URL (Patient?identifier=...): only the query is compared.
        var query = condition.Contains('?', StringComparison.Ordinal) ? condition[(condition.IndexOf('?', StringComparison.Ordinal) + 1)..] : condition;
        var identifier = entry switch
        {
            InboundObservation o => o.Identifier,
            InboundPatient p => $"{mrnSystem}|{p.Mrn}",
            _ => "",
        };
        if (Uri.UnescapeDataString(query) != "identifier=" + identifier)
            throw FhirRefusedException.Invalid($"{type}.identifier", $"a conditional create or update must be by 'identifier={identifier}', this resource's identifier");
    }

    private async Task<int> DeliverAsync(EntryOutcome outcome, CancellationToken ct)
    {
        var resumed = 0;
        foreach (var recordId in outcome.Deliveries) resumed += (await mediator.DeliverAsync(recordId, logger, ct)).InstancesResumed;
        return resumed;
    }

    private static Bundle.EntryComponent ResponseEntry(EntryOutcome outcome, int resumed) => new()
    {
        Response = new Bundle.ResponseComponent
        {
            Status = outcome.Result == EntryResult.Created ? "201 Created" : "200 OK",
            Location = Location(outcome),
            Etag = $"W/\"{outcome.Version}\"",
            Outcome = Report(outcome, resumed),
        },
    };

    private static string Location(EntryOutcome outcome) => $"{outcome.ResourceType}/{outcome.RecordId}";

    private static OperationOutcome Report(EntryOutcome outcome, int resumed) => FhirIssue.Outcome([new FhirIssue(OperationOutcome.IssueType.Informational, null,
        outcome.Result switch
        {
            EntryResult.Unchanged => $"already received: {outcome.ResourceType} {outcome.RecordId} is unchanged",
            EntryResult.Created => $"stored as {outcome.ResourceType} {outcome.RecordId}; {resumed} pathway(s) moved on",
            _ => $"{outcome.ResourceType} {outcome.RecordId} updated; {resumed} pathway(s) moved on",
        }, OperationOutcome.IssueSeverity.Information)]);
}
