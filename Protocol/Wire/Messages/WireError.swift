import Foundation
import LantianDomain
import LantianFraming

/// A refusal: a code a program can act on and a message a person can read.
public struct WireError: Error, Hashable, Sendable {
    public var code: ErrorCode
    public var message: String

    public init(code: ErrorCode, message: String) {
        self.code = code
        self.message = message
    }
}
