import Foundation

/// Re-checks one device's chain as a store holds it: every link, and every signature it holds,
/// naming the event that was altered, removed or moved.
///
/// A store holds a device's events (or, for events it does not hold, their body digests: a
/// server's quarantined events, a replica's proofs) and its signatures at some heads. Where the
/// store must hold the whole chain (a server; a device's own events) a gap is a missing event.
/// Elsewhere each stretch of held events must run, with digests, up to a signed head.
///
/// ```swift
/// let audit = ChainAudit.check(entries, signatures: signatures, key: key, complete: true)
/// for problem in audit.problems { print(problem) }
/// ```
public struct ChainAudit: Hashable, Sendable {
    /// What a store holds of one event of the chain.
    public enum Entry: Hashable, Sendable {
        case event(Event)
        /// Only its body digest (``EventChain/bodyDigest(of:)``), and its id if known.
        case digest(cseq: Int64, id: UUID?, bodyDigest: Data)

        public var cseq: Int64 {
            switch self {
            case .event(let event): event.cseq
            case .digest(let cseq, _, _): cseq
            }
        }

        var id: UUID? {
            switch self {
            case .event(let event): event.id
            case .digest(_, let id, _): id
            }
        }
    }

    public var problems: [ChainProblem] = []
    /// Events whose links were checked, and signatures verified.
    public var eventsChecked = 0
    public var signaturesChecked = 0
    /// Events after the last signature: a device's own events not pushed yet, signed when they are.
    public var unsigned = 0

    /// Checks `device`'s `entries` (in any order) against `signatures` made with `key`.
    ///
    /// - Parameters:
    ///   - complete: the chain must run from the device's first event with no gap.
    ///   - mayEndUnsigned: events after the last signature are allowed (a device's own, not pushed yet).
    public static func check(device: UUID, _ entries: [Entry], signatures: [ChainSignature], key: Data?,
                             complete: Bool, mayEndUnsigned: Bool = false) -> ChainAudit {
        var audit = ChainAudit()
        let sorted = entries.sorted { $0.cseq < $1.cseq }
        let signed = Dictionary(signatures.map { ($0.cseq, $0) }, uniquingKeysWith: { first, _ in first })
        func report(_ cseq: Int64, _ id: UUID?, _ chinese: String, _ english: String) {
            audit.problems.append(ChainProblem(device: device, cseq: cseq, event: id, reason: Phrase(chinese, english)))
        }
        var running: Data? = complete ? EventChain.genesis : nil
        var lastCseq: Int64 = complete ? 0 : (sorted.first?.cseq ?? 1) - 1
        var segmentLinked = true
        var previous: Entry?
        for entry in sorted {
            if entry.cseq == lastCseq {
                report(entry.cseq, entry.id, "另一条记录序号相同", "another event has the same sequence number")
                continue
            }
            if entry.cseq != lastCseq + 1 {
                if complete {
                    let gap = lastCseq + 1 == entry.cseq - 1 ? "#\(lastCseq + 1)" : "#\(lastCseq + 1)–#\(entry.cseq - 1)"
                    report(lastCseq + 1, nil, "缺失：数据文件中没有该设备的第 \(gap) 条记录", "missing: the store lacks its device's event(s) \(gap)")
                } else if let previous, signed[previous.cseq] == nil {
                    report(previous.cseq + 1, nil, "缺失：签名需要的该设备第 #\(previous.cseq + 1) 条记录不在数据文件中",
                           "missing: the store lacks its device's event #\(previous.cseq + 1), which a signature needs")
                }
                running = nil
            }
            switch entry {
            case .event(let event):
                audit.eventsChecked += 1
                if let running, event.previous != running {
                    if case .event(let before)? = previous, before.cseq == event.cseq - 1 {
                        report(before.cseq, before.id, "被改动：与该设备下一条记录（#\(event.cseq)）所记的哈希不符",
                               "altered: it no longer hashes to what its device's next event (#\(event.cseq)) records")
                    } else {
                        report(event.cseq, event.id, "被改动：没有带上该设备第 #\(event.cseq - 1) 条记录的哈希",
                               "altered: it does not carry the hash of its device's event #\(event.cseq - 1)")
                    }
                    segmentLinked = false
                }
                running = EventChain.hash(of: event)
            case .digest(_, _, let digest):
                running = running.map { EventChain.hash(previous: $0, bodyDigest: digest) }
            }
            if let signature = signed[entry.cseq] {
                if let head = running, let key {
                    audit.signaturesChecked += 1
                    if !signature.isValid(for: head, publicKey: key), segmentLinked {
                        report(entry.cseq, entry.id, "被改动：设备对它的签名验证不通过", "altered: its device's signature over it does not verify")
                    }
                } else if key == nil {
                    report(entry.cseq, entry.id, "其设备未入网：没有可用于核验签名的密钥", "its device is not enrolled: no key to check its signature with")
                }
                segmentLinked = true
            }
            lastCseq = entry.cseq
            previous = entry
        }
        if let last = previous, signed[last.cseq] == nil {
            let tail = sorted.reversed().prefix { signed[$0.cseq] == nil }.count
            if mayEndUnsigned {
                audit.unsigned = tail
            } else {
                report(last.cseq, last.id, "该设备最后 \(tail) 条记录没有签名覆盖：缺少后续记录或签名",
                   "no signature covers its device's last \(tail) event(s): a later event or the signature is missing")
            }
        }
        var named = Set<Int64>()
        audit.problems = audit.problems.filter { named.insert($0.cseq).inserted }
        return audit
    }
}
