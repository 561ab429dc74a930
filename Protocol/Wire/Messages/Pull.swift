import Foundation
import LantianDomain
import LantianFraming

/// Asks for accepted events with a global sequence number greater than `after`.
public struct Pull: Hashable, Sendable {
    /// What a client of version 4 may ask of a page (PROTOCOL.md, *Pull*).
    public struct Options: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Leave out the asking device's own events: it holds them already.
        public static let leaveOutOwn = Options(rawValue: 1)
        /// The page may come deflated (a `deflated` frame).
        public static let deflate = Options(rawValue: 2)
        public static let all: Options = [.leaveOutOwn, .deflate]
    }

    public var after: Int64
    public var limit: UInt32
    /// Written only when not empty: a pull of version 2 or 3 has none.
    public var options: Options

    public init(after: Int64, limit: UInt32, options: Options = []) {
        self.after = after
        self.limit = limit
        self.options = options
    }
}
