/// Why a payload's JSON could not be read by a hand-written reader (``PayloadReadable``).
public enum PayloadReadError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(at: Int)
    case notUTF8(at: Int)
    case tooDeep
    case missing(field: String)
    case wrongType(field: String, expected: String)

    public var description: String {
        switch self {
        case .malformed(let offset): "not JSON (at byte \(offset))"
        case .notUTF8(let offset): "a string that is not UTF-8 (at byte \(offset))"
        case .tooDeep: "nested deeper than \(PayloadValue.maxDepth) levels"
        case .missing(let field): "missing \(field)"
        case .wrongType(let field, let expected): "wrong type at \(field) (expected \(expected))"
        }
    }
}
