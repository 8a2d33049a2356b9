using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarePathway.Benchmarks.Ward;

/// <summary>
/// One member of the ward's staff at a keyboard: a coordinator and a clinician token, the patients it admitted, the
/// escalation approvals waiting for it and the reminders its approvals opened. Operations it cannot do (no approval
/// left) become an admission or a worklist read, so every client keeps the server busy.
/// </summary>
internal sealed class WardClient(HttpClient http, string coordinator, string clinician, int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<Guid> _patients = [];
    private readonly Queue<Guid> _approvals = new();
    private readonly Queue<Guid> _reminders = new();

    /// <summary>Creates a vertebral patient on the sample pathway (its escalation approval opens at once).</summary>
    public async Task AdmitAsync(CancellationToken ct)
    {
        var patient = await SendAsync(HttpMethod.Post, "/api/patients", coordinator, new
        {
            mrn = $"W-{seed}-{_patients.Count}-{_random.Next():x}",
            givenName = "Ward",
            familyName = $"Patient{seed}",
            birthDate = "2014-01-05",
            sex = "female",
            diagnosis = "CRMO", service = "paediatric-rheumatology",
            weightKg = 40,
            heightCm = 150,
            facts = new JsonObject { ["vertebralLesion"] = true },
        }, ct);
        var patientId = patient!["id"]!.GetValue<Guid>();
        var instance = await SendAsync(HttpMethod.Post, "/api/instances", coordinator, new { definitionId = "sample-nsaid-review", patientId }, ct);
        _patients.Add(patientId);
        foreach (var task in await OpenTasksAsync(instance!["id"]!.GetValue<Guid>(), ct)) _approvals.Enqueue(task);
    }

    /// <summary>Does one operation of the mix and records how long it took (or how it failed).</summary>
    public async Task RunOneAsync(WardFigures figures, CancellationToken ct)
    {
        var operation = WardMix.Pick(_random);
        if (operation == WardOperation.TaskCompletion && _reminders.Count == 0) operation = WardOperation.Approval;
        if (operation == WardOperation.Approval && _approvals.Count == 0) operation = WardOperation.Admission;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RunAsync(operation, ct);
            figures.Succeeded(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpRequestException failed)
        {
            figures.Failed(operation, failed.StatusCode is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : failed.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            figures.Failed(operation, "timeout");
        }
    }

    private async Task RunAsync(WardOperation operation, CancellationToken ct)
    {
        switch (operation)
        {
            case WardOperation.WorklistRead:
                await SendAsync(HttpMethod.Get, "/api/tasks?status=open&pageSize=25&role=coordinator", coordinator, null, ct);
                break;
            case WardOperation.LabEntry:
                var patientId = _patients[_random.Next(_patients.Count)];
                await SendAsync(HttpMethod.Post, $"/api/patients/{patientId}/labs", coordinator, new { code = "2160-0", value = 0.55m, unit = "mg/dL" }, ct);
                break;
            case WardOperation.TaskCompletion:
                await SendAsync(HttpMethod.Post, $"/api/tasks/{_reminders.Dequeue()}/complete", coordinator, new { outcome = "done" }, ct);
                break;
            case WardOperation.Approval:
                var approved = await SendAsync(HttpMethod.Post, $"/api/tasks/{_approvals.Dequeue()}/complete", clinician, new { outcome = "approved" }, ct);
                // The fork's two reminders: read as the coordinator's worklist of that pathway would show them.
                foreach (var reminder in await OpenTasksAsync(approved!["task"]!["instanceId"]!.GetValue<Guid>(), ct)) _reminders.Enqueue(reminder);
                break;
            case WardOperation.Admission:
                await AdmitAsync(ct);
                break;
        }
    }

    private async Task<IEnumerable<Guid>> OpenTasksAsync(Guid instanceId, CancellationToken ct)
    {
        var page = await SendAsync(HttpMethod.Get, $"/api/tasks?status=open&instanceId={instanceId}", coordinator, null, ct);
        return page!["items"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>());
    }

    /// <summary>Sends a request as <paramref name="token"/>'s user and reads the whole answer, as the web app would.</summary>
    private async Task<JsonNode?> SendAsync(HttpMethod method, string url, string token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException(text, null, response.StatusCode);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
