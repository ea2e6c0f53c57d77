import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GET requests as a good API client makes them: a timeout on each, retries with
/// exponential backoff on answers that may change (HTTP 429 and 5xx, a dropped or
/// truncated connection, a body the caller finds incomplete), `Retry-After` honoured, and
/// a clear ``FetchError`` naming the request when it fails for good. With a
/// ``ResponseCache``, a cached answer is used without a request.
///
/// URLSession from Foundation is the client: the API needs nothing it lacks (one GET at
/// a time, JSON bodies), so no other HTTP library is used. Requests are made one at a
/// time; Kolada limits the rate of its clients.
///
/// Waits: attempt k (k ≥ 2) waits `firstWait · 2^(k−2)` seconds, or what `Retry-After`
/// asks (seconds, or an HTTP date), at most `longestWait`.
///
/// Edge cases: 4xx answers other than 429 fail at once (retrying cannot help); a body the
/// `accept` check refuses is retried like a dropped connection and named as such when the
/// attempts run out.
public struct HTTPFetcher: Sendable {
    public struct Settings: Sendable {
        /// Seconds a request may take before it counts as failed.
        public var timeout: TimeInterval = 30
        /// Attempts per request, the first included.
        public var attempts: Int = 5
        /// The wait before the second attempt; each later wait doubles.
        public var firstWait: TimeInterval = 0.5
        /// The longest wait, whatever `Retry-After` asks.
        public var longestWait: TimeInterval = 60

        public init(
            timeout: TimeInterval = 30, attempts: Int = 5, firstWait: TimeInterval = 0.5, longestWait: TimeInterval = 60
        ) {
            self.timeout = timeout
            self.attempts = attempts
            self.firstWait = firstWait
            self.longestWait = longestWait
        }
    }

    public let settings: Settings
    public let cache: ResponseCache?
    /// With `refresh`, cached answers are fetched again (and the cache updated).
    public let refresh: Bool
    private let client: Client

    /// The session, invalidated when the last fetcher using it goes.
    private final class Client: Sendable {
        let session: URLSession
        init(_ session: URLSession) { self.session = session }
        deinit { session.finishTasksAndInvalidate() }
    }

    public init(settings: Settings = Settings(), cache: ResponseCache? = nil, refresh: Bool = false) {
        self.settings = settings
        self.cache = cache
        self.refresh = refresh
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeout
        configuration.timeoutIntervalForResource = settings.timeout * 2
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        client = Client(URLSession(configuration: configuration))
    }

    /// The body of `url`, and when it was fetched; `accept` tells a whole body from a cut one.
    public func get(_ url: URL, accept: (Data) -> Bool = { _ in true }) throws(FetchError) -> (
        body: Data, fetched: Date
    ) {
        let address = url.absoluteString
        if !refresh, let cache, let body = cache.body(of: address), accept(body) {
            let date = cache.fetched(address).flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date()
            return (body, date)
        }
        var last = "no attempt made"
        for attempt in 1...max(1, settings.attempts) {
            let outcome = once(url)
            var wait: TimeInterval? = nil
            switch outcome {
            case .success(let status, let body, let retryAfter):
                if (200..<300).contains(status) {
                    if accept(body) {
                        let now = Date()
                        if let cache {
                            do {
                                try cache.store(body, for: address, fetched: now)
                            } catch {
                                throw FetchError(
                                    url: address, reason: "cannot write the cache: \(error.localizedDescription)")
                            }
                        }
                        return (body, now)
                    }
                    last = "the answer was cut short or is not valid JSON"
                } else if status == 429 || (500..<600).contains(status) {
                    last = "HTTP \(status)"
                    wait = retryAfter
                } else {
                    throw FetchError(url: address, reason: "HTTP \(status)" + Self.excerpt(body))
                }
            case .failure(let message):
                last = message
            }
            guard attempt < settings.attempts else { break }
            let backoff = settings.firstWait * pow(2, Double(attempt - 1))
            Thread.sleep(forTimeInterval: min(settings.longestWait, max(0, wait ?? backoff)))
        }
        let attempts = settings.attempts
        throw FetchError(url: address, reason: "\(last) (\(attempts) attempt\(attempts == 1 ? "" : "s"))")
    }

    private enum Outcome {
        case success(status: Int, body: Data, retryAfter: TimeInterval?)
        case failure(String)
    }

    /// One request, waited for.
    private func once(_ url: URL) -> Outcome {
        var request = URLRequest(url: url, timeoutInterval: settings.timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("prognos", forHTTPHeaderField: "User-Agent")
        let result = Mutex<Outcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = client.session.dataTask(with: request) { data, response, error in
            let outcome: Outcome
            if let error {
                outcome = .failure(error.localizedDescription)
            } else if let http = response as? HTTPURLResponse {
                let retryAfter = (http.value(forHTTPHeaderField: "Retry-After")).flatMap(Self.retryAfter)
                outcome = .success(status: http.statusCode, body: data ?? Data(), retryAfter: retryAfter)
            } else {
                outcome = .failure("no HTTP response")
            }
            result.withLock { $0 = outcome }
            done.signal()
        }
        task.resume()
        done.wait()
        return result.withLock { $0 } ?? .failure("no response")
    }

    /// `Retry-After` in seconds: a number of seconds, or an HTTP date from now.
    package static func retryAfter(_ value: String) -> TimeInterval? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// The start of an error body, for the message, with control characters (a terminal's
    /// escape sequences among them) shown as spaces.
    private static func excerpt(_ body: Data) -> String {
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        let shown = String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        )
        .trimmingCharacters(in: .whitespaces)
        return shown.isEmpty ? "" : " (\(shown))"
    }
}
