/// A request that failed for good: after its retries, or at once for an answer that
/// retrying cannot change (404, 400). It names the request, so that a user can try it
/// in a browser.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// The address requested.
    public var url: String
    /// What went wrong, with the number of attempts where there were several.
    public var reason: String

    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "GET \(url): \(reason)" }
}
