import Foundation

/// A size in bytes as people read it: `512 B`, `1.5 KiB`, `3.2 MiB`.
public struct ByteCount: Hashable, Sendable, CustomStringConvertible {
    public var bytes: Int64

    public init(_ bytes: Int64) { self.bytes = bytes }
    public init(_ bytes: Int) { self.bytes = Int64(bytes) }

    public var description: String {
        switch bytes {
        case ..<1_024: "\(bytes) B"
        case ..<(1 << 20): String(format: "%.1f KiB", Double(bytes) / 1_024)
        default: String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
        }
    }
}
