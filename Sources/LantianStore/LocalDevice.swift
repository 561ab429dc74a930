import Foundation
import LantianDomain

/// The device a client store belongs to, and who uses it.
public struct LocalDevice: Hashable, Sendable {
    public var id: UUID
    /// The user who acts on this device; every event it records names them.
    public var actor: String
    /// The server to sync with, as `host:port`.
    public var server: String?
    /// The id the device's key was enrolled under: `id` itself, until a restore from an older copy
    /// gives the device a new id (`nil` before enrolment).
    public var credential: UUID?
    /// The server's own device and public key, learnt at enrolment, to check its events with.
    public var serverDevice: UUID?
    public var serverKey: Data?
    /// The server's TLS key (the SHA-256 of its SubjectPublicKeyInfo), pinned at enrolment: the
    /// device talks to no server that presents another.
    public var serverTLSKey: Data?
    /// The key the server announced it will move to; pinned in place of the other once presented.
    public var serverNextTLSKey: Data?
    /// A PEM bundle of CA certificates to check the server's certificate with, for a deployment with its own PKI.
    public var certificateAuthorities: String?

    public init(id: UUID, actor: String, server: String?, credential: UUID? = nil, serverDevice: UUID? = nil, serverKey: Data? = nil) {
        self.id = id
        self.actor = actor
        self.server = server
        self.credential = credential
        self.serverDevice = serverDevice
        self.serverKey = serverKey
    }

    /// The TLS keys to pin after meeting `presented` with `next` announced: the announced key
    /// becomes the pinned one once presented (or the first key met, when none was pinned), and
    /// `next` is kept beside it. `nil` when nothing changes, or a CA bundle checks the server.
    public func tlsPins(presented: Data?, next: Data?) -> (current: Data?, next: Data?)? {
        guard certificateAuthorities == nil else { return nil }
        var pinned = serverTLSKey, announced = serverNextTLSKey
        if let presented, presented == announced || pinned == nil {
            pinned = presented
            announced = nil
        }
        if let next, next != pinned { announced = next }
        return pinned != serverTLSKey || announced != serverNextTLSKey ? (pinned, announced) : nil
    }

    /// Whether the device was enrolled with a server, and can sync.
    public var isEnrolled: Bool { credential != nil && serverDevice != nil && serverKey != nil }
}
