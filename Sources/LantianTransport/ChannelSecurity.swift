/// How a connection is secured.
public enum ChannelSecurity: Sendable {
    /// TLS 1.3: every sync connection, unless a developer asked otherwise.
    case tls(TLSContext)
    /// No encryption and no peer identity: for gpsd on this machine, and for the sync protocol
    /// only on a loopback listener opened on purpose (`lantiand serve --insecure-plaintext-loopback`).
    case plaintext
}
