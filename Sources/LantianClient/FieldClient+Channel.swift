import Foundation
import LantianDomain
import LantianStore
import LantianTransport

extension FieldClient {
    /// The environment variable that lets `lantian` talk plaintext, to a loopback server a
    /// developer opened with `lantiand serve --insecure-plaintext-loopback`. Nothing else ever does.
    public static let plaintextVariable = "LANTIAN_INSECURE_PLAINTEXT_LOOPBACK"

    /// How this device talks to `endpoint` once enrolled: TLS, trusting the key it pinned at
    /// enrolment and the next one the server announced (read afresh at every connection, so a
    /// watching device follows a rotation), or its CA bundle.
    func syncChannel(to endpoint: Endpoint) throws -> ChannelSecurity {
        if let plaintext = try plaintextChannel(to: endpoint) { return plaintext }
        let device = try requireDevice()
        if let bundle = device.certificateAuthorities {
            return try tlsChannel(ServerTrust(certificateAuthorities: bundle) { _ in true })
        }
        let store = store
        return try tlsChannel(ServerTrust { presented in
            guard let device = try? store.localDevice() else { return false }
            // A device enrolled before the transport had TLS has no pin: it pins its first TLS server.
            guard let pinned = device.serverTLSKey else { return true }
            return [pinned, device.serverNextTLSKey].contains(Data(presented.bytes))
        })
    }

    /// How this device talks to `endpoint` to enrol: TLS, trusting only the key the code's pin
    /// names, or (for a deployment with its own PKI) a certificate that verifies against `bundle`.
    func enrolmentChannel(to endpoint: Endpoint, code: EnrolmentCode, certificateAuthorities bundle: String?) throws -> ChannelSecurity {
        if let plaintext = try plaintextChannel(to: endpoint) { return plaintext }
        guard code.pin != nil || bundle != nil else { throw FieldError.enrolmentCodeWithoutPin(code.description) }
        if let bundle, !FileManager.default.isReadableFile(atPath: bundle) { throw FieldError.unreadableFile(bundle) }
        return try tlsChannel(ServerTrust(certificateAuthorities: bundle) { presented in
            code.pin?.matches(presented.bytes) ?? true
        })
    }

    private func plaintextChannel(to endpoint: Endpoint) throws -> ChannelSecurity? {
        guard allowsPlaintextLoopback else { return nil }
        guard endpoint.isLoopback else { throw FieldError.plaintextBeyondLoopback(endpoint.description) }
        return .plaintext
    }

    private func tlsChannel(_ trust: ServerTrust) throws -> ChannelSecurity {
        do { return .tls(try TLSContext(trusting: trust)) } catch { throw FieldError.secureChannel(error.description) }
    }
}
