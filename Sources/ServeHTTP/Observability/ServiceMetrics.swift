internal import CoreMetrics
internal import Prometheus
internal import Serve
internal import Synchronization

/// The service's metrics, in its own Prometheus registry (so servers in one process do not mix), made
/// through swift-metrics and served at `GET /metrics`:
/// - `serve_requests_total{function,status}` and `serve_request_duration_seconds{function,status}`
///   (a histogram) per function (`iris.predict`, `iris.predict/batch`, or `-` for everything else);
/// - `serve_requests_in_flight`: function calls running now;
/// - `serve_model_load_seconds{group}`: how long each function group took to set up;
/// - `serve_batch_size{function}` (instances per call) and `serve_batch_queue_wait_seconds{function}` (each
///   request's wait to join its call), histograms, for each function that batches concurrent calls.
package final class ServiceMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let inFlight: CoreMetrics.Gauge

    private struct Key: Hashable {
        let function: String
        let status: Int
    }
    private let series = Mutex<[Key: Series]>([:])

    /// The counter and the histogram of one function and status.
    package struct Series: Sendable {
        let function: String?
        let status: Int
        let requests: CoreMetrics.Counter
        let duration: CoreMetrics.Timer

        func matches(function: String?, status: Int) -> Bool { self.status == status && self.function == function }

        /// Counts one answered request and its duration.
        package func record(nanoseconds: Int64) {
            requests.increment()
            duration.recordNanoseconds(nanoseconds)
        }
    }

    static let durationName = "serve_request_duration_seconds"

    static let batchSizeName = "serve_batch_size"
    static let queueWaitName = "serve_batch_queue_wait_seconds"

    init(groupSetupTimes: [(group: String, duration: Duration)], functions: [BoundFunction] = []) {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Most calls take microseconds; the default buckets start at 5 ms.
        factory.durationHistogramBuckets[Self.durationName] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
            .seconds(30),
        ]
        factory.durationHistogramBuckets[Self.queueWaitName] = [
            .microseconds(10), .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        factory.valueHistogramBuckets[Self.batchSizeName] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
        self.factory = factory
        inFlight = CoreMetrics.Gauge(label: "serve_requests_in_flight", factory: factory)
        inFlight.record(0)
        for (group, duration) in groupSetupTimes {
            CoreMetrics.Gauge(label: "serve_model_load_seconds", dimensions: [("group", group)], factory: factory)
                .record(duration.seconds)
        }
        for function in functions {
            guard let batches = function.batches else { continue }
            let dimensions = [("function", function.qualifiedName)]
            let size = CoreMetrics.Recorder(
                label: Self.batchSizeName, dimensions: dimensions, aggregate: true, factory: factory)
            let wait = CoreMetrics.Timer(label: Self.queueWaitName, dimensions: dimensions, factory: factory)
            batches.observe { record in
                size.record(record.instances)
                for duration in record.waits { wait.recordNanoseconds(Int64(duration.seconds * 1e9)) }
            }
        }
    }

    /// The series of `function` (nil for paths that are not functions) answered with `status`, made on
    /// first use.
    package func series(function: String?, status: Int) -> Series {
        let key = Key(function: function ?? "-", status: status)
        return series.withLock { series in
            if let existing = series[key] { return existing }
            let dimensions = [("function", key.function), ("status", String(status))]
            let made = Series(
                function: function, status: status,
                requests: CoreMetrics.Counter(label: "serve_requests_total", dimensions: dimensions, factory: factory),
                duration: CoreMetrics.Timer(label: Self.durationName, dimensions: dimensions, factory: factory))
            series[key] = made
            return made
        }
    }

    /// The Prometheus text exposition of every metric, with the in-flight gauge read now.
    func exposition(inFlight calls: Int) -> [UInt8] {
        inFlight.record(calls)
        return registry.emitToBuffer()
    }

    /// The media type of ``exposition(inFlight:)``.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
