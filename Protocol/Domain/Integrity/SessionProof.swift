import Foundation
import LantianFraming

/// What a device signs to prove, on one connection, that it holds its key: the server's fresh
/// challenge and the connection's TLS channel binding (`channel`: the exporter value both ends of
/// this TLS session share, empty on a plaintext debugging connection), bound to what the device
/// claims. The signature cannot be replayed elsewhere, nor relayed: a machine in the middle that
/// forwards the challenge has another TLS session with each side, so another channel value.
public enum SessionProof {
    public static func hello(nonce: Data, channel: Data, credential: UUID, device: UUID) -> Data {
        var writer = ByteWriter(capacity: 128)
        writer.write(channel.isEmpty ? "lantian.hello.v1" : "lantian.hello.v2")
        writer.write(nonce)
        if !channel.isEmpty { writer.write(channel) }
        writer.write(credential)
        writer.write(device)
        return Data(writer.bytes)
    }

    public static func enrolment(nonce: Data, channel: Data, device: UUID, publicKey: Data) -> Data {
        var writer = ByteWriter(capacity: 160)
        writer.write(channel.isEmpty ? "lantian.enrol.v1" : "lantian.enrol.v2")
        writer.write(nonce)
        if !channel.isEmpty { writer.write(channel) }
        writer.write(device)
        writer.write(publicKey)
        return Data(writer.bytes)
    }
}
