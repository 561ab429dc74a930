import Foundation

extension UUID {
    /// The last 8 hex digits of an id: what lists show and commands accept.
    public var shortID: String { String(uuidString.lowercased().suffix(8)) }
}
