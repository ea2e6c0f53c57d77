import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests that must never touch the network: it
/// answers each GET with what `handler` returns, one connection per request
/// (`Connection: close`), and keeps the request targets in order.
///
/// A response can be delayed (`delay`, for timeouts) or cut short (`truncated`: the
/// headers promise the whole body, half is sent, and the connection is closed).
package final class HTTPTestServer: Sendable {
    package struct Response: Sendable {
        package var status: Int
        package var headers: [String: String]
        package var body: Data
        package var delay: TimeInterval
        package var truncated: Bool

        package init(
            status: Int = 200, headers: [String: String] = [:], body: Data = Data(), delay: TimeInterval = 0,
            truncated: Bool = false
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.truncated = truncated
        }
    }

    /// The request's path and its query items.
    package typealias Handler = @Sendable (_ path: String, _ query: [String: String]) -> Response

    package let port: Int
    private let listener: Int32
    private let handler: Handler
    private let log = Mutex<[String]>([])

    package init(handler: @escaping Handler) throws {
        self.handler = handler
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = descriptor
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// `http://127.0.0.1:<port>`.
    package var base: String { "http://127.0.0.1:\(port)" }

    /// Every request target (path and query) so far, in order.
    package var requests: [String] { log.withLock { $0 } }

    /// Stops listening; requests in flight finish.
    package func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            // A thread per connection, not Dispatch's shared pool: a response held back on
            // purpose (`delay`) must not hold up others while the pool is busy with the
            // tests running beside this one.
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.containsHeaderEnd {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            received += buffer[0..<count]
        }
        let head = String(decoding: received, as: UTF8.self)
        let requestLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2 else { return }
        let target = String(parts[1])
        log.withLock { $0.append(target) }
        let components = URLComponents(string: target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let response = handler(components?.path ?? target, query)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var header = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Status")\r\n"
        header += "Content-Length: \(response.body.count)\r\nConnection: close\r\n"
        header += "Content-Type: application/json; charset=utf-8\r\n"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { header += "\(name): \(value)\r\n" }
        header += "\r\n"
        let body = response.truncated ? response.body.prefix(response.body.count / 2) : response.body
        let bytes = [UInt8](header.utf8) + [UInt8](body)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return }
            sent += count
        }
    }
}

extension [UInt8] {
    fileprivate var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4)
        where self[index] == 13 && self[index + 1] == 10 && self[index + 2] == 13 && self[index + 3] == 10 {
            return true
        }
        return false
    }
}
