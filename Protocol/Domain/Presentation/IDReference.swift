import Foundation

/// How people name a record or a device: its full id, or 4 or more hex digits from the start of
/// the id, from its end, or from the start of the short id lists show (its last 8 digits).
///
/// ```swift
/// switch IDReference("3825").resolve(among: tickets.keys) {
/// case .one(let id): show(id)
/// case .none: say("no such record")
/// case .several(let ids): say("give more characters")
/// }
/// ```
public struct IDReference: Hashable, Sendable {
    public enum Resolution: Hashable, Sendable {
        case one(UUID)
        case none
        case several([UUID])
    }

    /// The fewest hex digits that name a record.
    public static let minimumDigits = 4

    public let text: String

    public init(_ text: String) { self.text = text }

    public func resolve(among candidates: some Sequence<UUID>) -> Resolution {
        if let exact = UUID(uuidString: text) {
            return candidates.contains(exact) ? .one(exact) : .none
        }
        let wanted = text.lowercased().replacingOccurrences(of: "-", with: "")
        guard wanted.count >= Self.minimumDigits, wanted.allSatisfy(\.isHexDigit) else { return .none }
        let matches = candidates.filter { id in
            let hex = id.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return hex.hasPrefix(wanted) || hex.hasSuffix(wanted) || id.shortID.hasPrefix(wanted)
        }
        switch matches.count {
        case 0: return .none
        case 1: return .one(matches[0])
        default: return .several(matches)
        }
    }
}
