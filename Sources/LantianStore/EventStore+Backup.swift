import Foundation
import GRDB
import LantianDomain

extension EventStore {
    /// Writes a consistent copy of the whole store to a new file at `path`, while it stays in use.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.exists(path: path) }
        let copy = try DatabaseQueue(path: path)
        try database.backup(to: copy)
    }

    /// Makes the store at `path` a copy of the backup at `backup`, under a new epoch and with no
    /// local device: a server restored this way announces a new epoch, so every client pulls
    /// everything again and pushes what the backup lacks, and its own new events carry a new device
    /// id, never reusing the sequence numbers of events recorded after the backup was taken.
    public static func restore(backup: String, to path: String) throws {
        let source = try EventStore(path: backup)
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.exists(path: path) }
        try source.backup(to: path)
        let restored = try DatabaseQueue(path: path)
        try restored.write { db in
            try db.execute(sql: "UPDATE store_identity SET epoch = ?", arguments: [UUID()])
            try db.execute(sql: "DELETE FROM local_device")
        }
    }
}
