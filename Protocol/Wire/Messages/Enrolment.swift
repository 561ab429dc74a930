import Foundation
import LantianDomain
import LantianFraming

/// A device enrols with a one-time code an administrator issued (`lantiand enroll USER`): it
/// registers its public key, and proves it holds the private half by signing the challenge.
public struct Enrolment: Hashable, Sendable {
    public var code: String
    public var device: UUID
    public var publicKey: Data
    /// The device key's signature over ``SessionProof/enrolment(nonce:device:publicKey:)``.
    public var proof: Data

    public init(code: String, device: UUID, publicKey: Data, proof: Data) {
        self.code = code
        self.device = device
        self.publicKey = publicKey
        self.proof = proof
    }
}
