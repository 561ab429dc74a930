import Foundation
import LantianDomain

extension Timestamp {
    /// The system clock now. The only place the edges read a clock; tests pass their own.
    @Sendable public static func now() -> Timestamp {
        Timestamp(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
