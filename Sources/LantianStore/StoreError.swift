import Foundation

/// A store cannot be used, or holds something it should not: says which file or event, and why.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file exists but is not a Lantian store (not SQLite at all).
    case notAStore(path: String)
    /// The file cannot be opened or created (missing folder, no permission…).
    case cannotOpen(path: String, reason: String)
    /// A stored event cannot be read back.
    case corruptEvent(id: UUID?, reason: String)
    /// A backup or restore would overwrite an existing file.
    case exists(path: String)
    /// The disk holding the store is full: the write was rolled back, nothing stored was damaged.
    case diskFull(path: String)
    /// A client store is asked for its device before set-up.
    case noLocalDevice
    /// The store is damaged (bytes changed behind Lantian's back, a disk failing): what was found.
    case damaged(String)

    public var description: String {
        switch self {
        case .notAStore(let path): "\(path) is not a Lantian store (not an SQLite file): check the path"
        case .cannotOpen(let path, let reason): "cannot open \(path) (\(reason)): check that its folder exists and is writable"
        case .corruptEvent(let id, let reason): "event \(id?.uuidString ?? "?") cannot be read: \(reason)"
        case .exists(let path): "\(path) already exists: choose a new file name (nothing was overwritten)"
        case .diskFull(let path): "the disk holding \(path) is full: nothing was written and nothing stored was damaged; free space and try again"
        case .noLocalDevice: "this store has no device yet: run lantian setup first"
        case .damaged(let detail): "the store is damaged (\(detail)): run lantian repair, which keeps every intact record"
        }
    }
}
