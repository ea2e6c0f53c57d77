/// The codes of an enumeration by their raw values' UTF-8 bytes, to read a field's code
/// without making a `String` of it.
struct CodeTable<Code: RawRepresentable & CaseIterable> where Code.RawValue == String {
    private let codes: [(bytes: [UInt8], code: Code)] = Code.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The code whose raw value is the field's text, as `Code(rawValue:)` of its text
    /// gives it; nil for any other text.
    func code(_ field: UnsafeBufferPointer<UInt8>) -> Code? {
        for entry in codes where entry.bytes.count == field.count && entry.bytes.elementsEqual(field) {
            return entry.code
        }
        return nil
    }

    /// ``code(_:)`` of a field that may be left empty: `defaultValue` when the field is
    /// empty or its column absent.
    func code(_ field: UnsafeBufferPointer<UInt8>?, default defaultValue: Code) -> Code? {
        guard let field, !field.isEmpty else { return defaultValue }
        return code(field)
    }
}
