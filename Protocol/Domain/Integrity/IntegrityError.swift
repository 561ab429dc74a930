import Crypto
import Foundation

/// A key that cannot be used.
public enum IntegrityError: Error, Hashable, Sendable {
    case unreadableKey
}
