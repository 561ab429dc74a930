import Foundation
import LantianFraming

/// What a device signs to prove, on one connection, that it holds its key: the server's fresh
/// challenge, bound to what the device claims, so a signature cannot be replayed elsewhere.
public enum SessionProof {
    public static func hello(nonce: Data, credential: UUID, device: UUID) -> Data {
        var writer = ByteWriter(capacity: 96)
        writer.write("lantian.hello.v1")
        writer.write(nonce)
        writer.write(credential)
        writer.write(device)
        return Data(writer.bytes)
    }

    public static func enrolment(nonce: Data, device: UUID, publicKey: Data) -> Data {
        var writer = ByteWriter(capacity: 128)
        writer.write("lantian.enrol.v1")
        writer.write(nonce)
        writer.write(device)
        writer.write(publicKey)
        return Data(writer.bytes)
    }
}
