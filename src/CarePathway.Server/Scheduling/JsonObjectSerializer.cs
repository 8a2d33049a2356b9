using System.Collections.Specialized;
using System.Text.Json;
using Quartz;
using Quartz.Spi;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// Quartz's job-data serializer, on System.Text.Json. Quartz's only built-in serializer uses
/// BinaryFormatter, which .NET 10 removed. The job store runs with <c>useProperties = true</c>,
/// so job data is strings only (Quartz enforces that) and what reaches this serializer is a
/// string map: stored as a flat JSON object, readable in the database. Calendars are not used
/// and not supported.
/// </summary>
public sealed class JsonObjectSerializer : IObjectSerializer
{
    public void Initialize()
    {
    }

    public byte[] Serialize<T>(T obj) where T : class
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (obj)
        {
            case null:
                return JsonSerializer.SerializeToUtf8Bytes(map);
            case NameValueCollection collection:
                foreach (var key in collection.AllKeys)
                {
                    if (key is not null)
                    {
                        map[key] = collection[key];
                    }
                }

                break;
            case IDictionary<string, object?> dictionary:
                foreach (var (key, value) in dictionary)
                {
                    map[key] = value switch
                    {
                        null => null,
                        string text => text,
                        _ => throw new NotSupportedException(
                            $"Job data '{key}' is a {value.GetType().Name}; only strings are stored (useProperties)."),
                    };
                }

                break;
            default:
                throw new NotSupportedException($"Cannot serialize {obj.GetType().FullName}; only string job data is supported.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(map);
    }

    public T? DeSerialize<T>(byte[] data) where T : class
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        object result;
        if (typeof(T).IsAssignableFrom(typeof(NameValueCollection)))
        {
            var collection = new NameValueCollection(map.Count);
            foreach (var (key, value) in map)
            {
                collection[key] = value;
            }

            result = collection;
        }
        else if (typeof(T).IsAssignableFrom(typeof(JobDataMap)))
        {
            var jobData = new JobDataMap();
            foreach (var (key, value) in map)
            {
                jobData[key] = value!;
            }

            result = jobData;
        }
        else if (typeof(T).IsAssignableFrom(typeof(Dictionary<string, object?>)))
        {
            result = map.ToDictionary(x => x.Key, x => (object?)x.Value, StringComparer.Ordinal);
        }
        else
        {
            throw new NotSupportedException($"Cannot deserialize {typeof(T).FullName}; only string job data is supported.");
        }

        return (T)result;
    }
}
