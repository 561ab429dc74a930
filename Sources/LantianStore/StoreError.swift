import Foundation

/// A store cannot be used, or holds something it should not: says which file or event, and why.
public enum StoreError: Error, Hashable, Sendable {
    /// The file exists but is not a Lantian store (not SQLite at all).
    case notAStore(path: String)
    /// The file cannot be opened or created (missing folder, no permission…).
    case cannotOpen(path: String, reason: String)
    /// A stored event cannot be read back.
    case corruptEvent(id: UUID?, reason: String)
    /// This store has no device identity yet: the client was never set up.
    case notSetUp
}
