namespace Network.Bench;

/// <summary>How one operation of the soak ended.</summary>
internal enum SoakOutcome
{
    /// <summary>2xx, or a link message the broker confirmed.</summary>
    Ok,

    /// <summary>A refusal the scenario asks for (the isolation probe's 404): counted apart, not an error.</summary>
    Expected,

    /// <summary>Anything else: a status the scenario did not expect, an exception, a timeout, a broker nack.</summary>
    Error,
}

/// <summary>
/// Every operation's outcome and latency, by the minute of the run it was due in and by its kind; errors grouped by
/// kind ("GET commitment → 500", "link ReportProgress → TimeoutException"). Thread-safe: operations finish on any thread.
/// </summary>
internal sealed class SoakRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, MinuteBucket> _minutes = [];
    private readonly Dictionary<string, OperationBucket> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public int Messages { get; private set; }

    public int ErrorCount { get; private set; }

    public int ExpectedRefusals { get; private set; }

    /// <param name="operation">The kind, e.g. "GET commitment", "link ReportProgress".</param>
    /// <param name="isMessage">A link message (latency: publish to the broker's confirm) rather than an HTTP request.</param>
    /// <param name="minute">The minute of the run the operation was due in, from 0.</param>
    /// <param name="error">What went wrong, when <paramref name="outcome"/> is <see cref="SoakOutcome.Error"/>.</param>
    public void Record(string operation, bool isMessage, int minute, double milliseconds, SoakOutcome outcome, string? error = null)
    {
        lock (_gate)
        {
            if (!_minutes.TryGetValue(minute, out var bucket))
            {
                _minutes[minute] = bucket = new MinuteBucket();
            }
            if (!_operations.TryGetValue(operation, out var kind))
            {
                _operations[operation] = kind = new OperationBucket(isMessage);
            }
            kind.Latencies.Add(milliseconds);
            if (isMessage)
            {
                Messages++;
                bucket.Messages++;
                bucket.MessageLatencies.Add(milliseconds);
            }
            else
            {
                Requests++;
                bucket.Requests++;
                bucket.RequestLatencies.Add(milliseconds);
            }
            switch (outcome)
            {
                case SoakOutcome.Expected:
                    ExpectedRefusals++;
                    break;
                case SoakOutcome.Error:
                    ErrorCount++;
                    bucket.Errors++;
                    kind.Errors++;
                    var key = $"{operation} → {error}";
                    _errors[key] = _errors.GetValueOrDefault(key) + 1;
                    break;
            }
        }
    }

    /// <summary>Errors by kind, most frequent first.</summary>
    public IReadOnlyList<(string Kind, int Count)> ErrorsByKind()
    {
        lock (_gate)
        {
            return _errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value)).ToList();
        }
    }

    /// <summary>A row per minute of the run, in order; a minute nothing was due in is left out.</summary>
    public IReadOnlyList<SoakMinute> Minutes()
    {
        lock (_gate)
        {
            return _minutes.OrderBy(m => m.Key).Select(m => new SoakMinute(
                m.Key, m.Value.Requests, m.Value.Messages, m.Value.Errors,
                Percentile(m.Value.RequestLatencies, 0.50), Percentile(m.Value.RequestLatencies, 0.99),
                Percentile(m.Value.MessageLatencies, 0.99))).ToList();
        }
    }

    /// <summary>A row per kind of operation, requests first, then messages, each by name.</summary>
    public IReadOnlyList<SoakOperation> Operations()
    {
        lock (_gate)
        {
            return _operations.OrderBy(o => o.Value.IsMessage).ThenBy(o => o.Key, StringComparer.Ordinal).Select(o => new SoakOperation(
                o.Key, o.Value.Latencies.Count, o.Value.Errors, Percentile(o.Value.Latencies, 0.50), Percentile(o.Value.Latencies, 0.99))).ToList();
        }
    }

    /// <summary>All request latencies of the run, for its overall p50 and p99.</summary>
    public (double P50, double P99) RequestPercentiles()
    {
        lock (_gate)
        {
            var all = _minutes.Values.SelectMany(m => m.RequestLatencies).ToList();
            return (Percentile(all, 0.50), Percentile(all, 0.99));
        }
    }

    private static double Percentile(List<double> values, double fraction) => Measure.Percentile([.. values.Order()], fraction);

    private sealed class MinuteBucket
    {
        public int Requests { get; set; }

        public int Messages { get; set; }

        public int Errors { get; set; }

        public List<double> RequestLatencies { get; } = [];

        public List<double> MessageLatencies { get; } = [];
    }

    private sealed class OperationBucket(bool isMessage)
    {
        public bool IsMessage { get; } = isMessage;

        public int Errors { get; set; }

        public List<double> Latencies { get; } = [];
    }
}

/// <summary>One minute of the run: what was due in it and how the requests went (latency from when each was due).</summary>
internal sealed record SoakMinute(int Minute, int Requests, int Messages, int Errors, double P50Ms, double P99Ms, double MessageP99Ms);

/// <summary>One kind of operation over the whole run.</summary>
internal sealed record SoakOperation(string Name, int Count, int Errors, double P50Ms, double P99Ms);
