import Foundation

/// Checks pulled events against the proofs that came with them, before anything is stored.
public enum PulledEventVerification {
    /// Problems with `events`, each of which must be covered by a proof of its device: its chain
    /// from the event up to a signed head must hash, with the digests given, to what the device
    /// signed.
    ///
    /// The server's devices are checked first, with `serverKey`: `serverDevice` (the one the client
    /// enrolled with) and every device enrolled with the server key itself. A server keeps its key
    /// across a restore (the backup carries it) while it records under a new device id, so each
    /// device that ever served under that key is the server, whichever of them the client met.
    /// Enrolments those devices recorded then give the keys of the rest, with those already known
    /// (a device's enrolment always precedes its events). A device with no known key is refused.
    public static func problems(in events: [Event], proofs: [ChainProof], knownKeys: [UUID: Data],
                                serverDevice: UUID, serverKey: Data) -> [ChainProblem] {
        var keys = knownKeys
        keys[serverDevice] = serverKey
        for event in events where event.type == DeviceEnrolled.eventType && event.subject == event.device {
            if let enrolment = try? PayloadCodec.decode(DeviceEnrolled.self, from: event), enrolment.device == event.device,
               enrolment.publicKey == serverKey {
                keys[event.device] = serverKey  // a server device's own enrolment: it must verify with the server key below
            }
        }
        let servers = Set(keys.filter { $0.value == serverKey }.keys)
        let byDevice = Dictionary(grouping: events, by: \.device)
        let proofsByDevice = Dictionary(grouping: proofs, by: \.signature.device)
        var problems: [ChainProblem] = []
        for server in servers.sorted(by: UUID.precedesInByteOrder) {
            problems += check(byDevice[server] ?? [], proofsByDevice[server] ?? [], key: serverKey)
        }
        guard problems.isEmpty else { return problems }
        for server in servers {
            for event in byDevice[server] ?? [] where event.type == DeviceEnrolled.eventType {
                if let enrolment = try? PayloadCodec.decode(DeviceEnrolled.self, from: event) { keys[enrolment.device] = enrolment.publicKey }
            }
        }
        for (device, held) in byDevice where !servers.contains(device) {
            problems += check(held, proofsByDevice[device] ?? [], key: keys[device])
        }
        return problems
    }

    /// Checks one device's events against its proofs.
    private static func check(_ events: [Event], _ proofs: [ChainProof], key: Data?) -> [ChainProblem] {
        let heads = proofs.sorted { $0.signature.cseq < $1.signature.cseq }
        var problems: [ChainProblem] = []
        var remaining = events.sorted { $0.cseq < $1.cseq }[...]
        func problem(_ event: Event, _ chinese: String, _ english: String) -> ChainProblem {
            ChainProblem(device: event.device, cseq: event.cseq, event: event.id, reason: Phrase(chinese, english))
        }
        while let first = remaining.first {
            guard let proof = heads.first(where: { $0.signature.cseq >= first.cseq }) else {
                return problems + remaining.map { problem($0, "没有其设备的签名覆盖它", "no signature of its device covers it") }
            }
            let covered = remaining.prefix { $0.cseq <= proof.signature.cseq }
            remaining = remaining.dropFirst(covered.count)
            guard let key else {
                problems += covered.map { problem($0, "其设备未入网：没有可用于核验的密钥", "its device is not enrolled: no key to check it with") }
                continue
            }
            let held = Dictionary(covered.map { ($0.cseq, $0) }, uniquingKeysWith: { first, _ in first })
            var running = first.previous
            for cseq in first.cseq...proof.signature.cseq {
                if let event = held[cseq] {
                    guard event.previous == running else {
                        problems.append(problem(event, "没有带上其设备第 #\(cseq - 1) 条记录的哈希", "it does not carry the hash of its device's event #\(cseq - 1)"))
                        break
                    }
                    running = EventChain.hash(of: event)
                } else if let digest = proof.digests[cseq] {
                    running = EventChain.hash(previous: running, bodyDigest: digest)
                } else {
                    problems.append(problem(first, "证明中缺少其设备第 #\(cseq) 条记录的摘要", "the proof lacks the digest of its device's event #\(cseq)"))
                    break
                }
                if cseq == proof.signature.cseq, !proof.signature.isValid(for: running, publicKey: key) {
                    problems += covered.map { problem($0, "其设备对第 #\(cseq) 条记录的签名验证不通过", "its device's signature over event #\(cseq) does not verify") }
                }
            }
        }
        return problems
    }
}
