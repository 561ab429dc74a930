import Foundation
import LantianDomain
import LantianStore

/// Backing a server up and restoring it: the store, the server's key and its TLS keys travel
/// together, because a restored server that lacks its key cannot sign what it records nor be
/// believed by devices, and one with another TLS key is refused by every device that pinned it.
///
/// ```swift
/// let copy = try Maintenance.backup(store: "server.sqlite", to: "2026-11-29.sqlite")
/// let epoch = try Maintenance.restore(backup: "2026-11-29.sqlite", into: "restored.sqlite")
/// ```
public enum Maintenance {
    /// What a backup wrote.
    public struct Backup: Hashable, Sendable {
        public var events: Int
        public var keyPath: String
    }

    /// Copies the store consistently while the server may keep running, and its key next to the copy.
    public static func backup(store path: String, to backupPath: String) throws -> Backup {
        let store = try EventStore(path: path, keeping: .server)
        try store.backup(to: backupPath)
        try KeyFile.copy(fromStore: path, toStore: backupPath)
        try ServerTLSFiles(store: path).copy(toStore: backupPath)
        return Backup(events: try store.count(), keyPath: KeyFile.path(forStore: backupPath))
    }

    /// Restores a backup into a new store under a new epoch, with the server's key; returns the epoch.
    public static func restore(backup backupPath: String, into path: String) throws -> UUID {
        let key = KeyFile.path(forStore: backupPath)
        guard FileManager.default.fileExists(atPath: key) else { throw AdministrationError.missingServerKey(key) }
        try EventStore.restore(backup: backupPath, to: path)
        try KeyFile.copy(fromStore: backupPath, toStore: path)
        // The TLS key too: devices pinned it, and refuse a server that presents another.
        try ServerTLSFiles(store: backupPath).copy(toStore: path)
        return try EventStore(path: path, keeping: .server).epoch
    }
}
