import Foundation
import LantianDomain

/// A device's private key in a file of its own, readable by its owner only (mode 0600), next to
/// the store it signs for: `field.sqlite` → `field.sqlite.key`.
public enum KeyFile {
    /// The key file that belongs to the store at `storePath`.
    public static func path(forStore storePath: String) -> String { storePath + ".key" }

    /// Writes `key` to `path`, replacing any key there, created with mode 0600 before a byte is written.
    public static func write(_ key: DeviceKey, to path: String) throws {
        let temporary = path + ".new"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw KeyFileError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let bytes = Array(key.rawRepresentation.base64EncodedString().utf8) + [0x0A]
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw KeyFileError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Reads the key at `path`, refusing one that others can read.
    public static func read(_ path: String) throws -> DeviceKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw KeyFileError.missing(path: path) }
        guard status.st_mode & 0o077 == 0 else { throw KeyFileError.tooOpen(path: path, mode: status.st_mode & 0o777) }
        guard let text = FileManager.default.contents(atPath: path),
              let raw = Data(base64Encoded: String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? DeviceKey(rawRepresentation: raw) else { throw KeyFileError.unreadable(path: path) }
        return key
    }

    /// Copies the key file of the store at `source` to that of the store at `destination` (a backup
    /// and its key, kept as secret as the key itself); does nothing if `source` has none.
    public static func copy(fromStore source: String, toStore destination: String) throws {
        let from = path(forStore: source)
        guard FileManager.default.fileExists(atPath: from) else { return }
        try write(try read(from), to: path(forStore: destination))
    }

    /// The key at `path`, made (and written) first if there is none.
    public static func readOrCreate(_ path: String) throws -> DeviceKey {
        if FileManager.default.fileExists(atPath: path) { return try read(path) }
        let key = DeviceKey()
        try write(key, to: path)
        return key
    }
}
