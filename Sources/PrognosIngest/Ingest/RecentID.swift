import Foundation

/// An id read from a field by a fast-path row reader, remembering the previous row's:
/// rows come grouped by entity and indicator, so an id whose bytes equal the previous
/// row's reuses its string and what was looked up for it, with no hashing.
///
/// The bytes remembered point into the file being read; a reader lives only while its
/// slice of that file is read.
struct RecentID<Found> {
    private var bytes: UnsafeBufferPointer<UInt8>?
    private var id = ""
    private var found: Found?

    /// The field's id and what `lookUp` found for it; nil when the field is empty or
    /// `lookUp` finds nothing (the row then goes the generic way, which reports it).
    mutating func resolve(_ field: UnsafeBufferPointer<UInt8>, lookUp: (String) -> Found?) -> (
        id: String, found: Found
    )? {
        if let bytes, let found, Self.equal(bytes, field) { return (id, found) }
        guard !field.isEmpty else { return nil }
        let text = String(decoding: field, as: UTF8.self)
        guard let result = lookUp(text) else { return nil }
        bytes = field
        id = text
        found = result
        return (text, result)
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let left = a.baseAddress, let right = b.baseAddress else { return a.isEmpty }
        return memcmp(left, right, a.count) == 0
    }
}
