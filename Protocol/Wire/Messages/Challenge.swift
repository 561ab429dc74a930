import Foundation
import LantianDomain
import LantianFraming

/// The server's first message on every connection: a fresh random nonce for the client to sign.
public struct Challenge: Hashable, Sendable {
    public static let nonceBytes = 32
    public var nonce: Data

    public init(nonce: Data) { self.nonce = nonce }

    /// A new random challenge.
    public static func random() -> Challenge {
        var random = SystemRandomNumberGenerator()
        return Challenge(nonce: Data((0..<nonceBytes).map { _ in UInt8.random(in: 0...255, using: &random) }))
    }
}
