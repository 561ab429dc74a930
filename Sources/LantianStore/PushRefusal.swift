import Foundation
import GRDB
import LantianDomain
import LantianWire

/// Why the server refuses a pushed batch; nothing of the batch is stored.
public enum PushRefusal: Hashable, Sendable {
    /// The batch skips sequence numbers: the device must resend from `expected`.
    case gap(expected: Int64, received: Int64)
    /// An event reuses a stored id or sequence number with different content.
    case conflict(id: UUID, cseq: Int64)
    /// An event was recorded by another device than the one pushing it.
    case foreignDevice(id: UUID, device: UUID)
    /// An event does not carry the hash of the device's event before it.
    case brokenChain(id: UUID, cseq: Int64)
    /// The batch's signature does not verify with the device's key.
    case badSignature(cseq: Int64)
}

extension PushRefusal: PeerError {
    public var wireCode: ErrorCode {
        switch self {
        case .gap: .sequenceGap
        case .conflict: .conflict
        case .foreignDevice: .invalidEvent
        case .brokenChain, .badSignature: .badSignature
        }
    }

    public var exitStatus: ExitStatus { .failure }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .gap(let expected, let received):
            return say("序号不连续：应为 \(expected)，收到 \(received)；从 \(expected) 起重发",
                       "expected cseq \(expected), received \(received): resend from \(expected)")
        case .conflict(let id, let cseq):
            return say("记录 \(id.shortID)（序号 \(cseq)）与已保存的同一记录内容不同", "event \(id) (cseq \(cseq)) differs from the one stored")
        case .foreignDevice(let id, let device):
            return say("记录 \(id.shortID) 由设备 \(device.shortID) 记录，不是上传它的设备",
                       "event \(id) was recorded by device \(device), not by the device the batch is of")
        case .brokenChain(let id, let cseq):
            return say("记录 \(id.shortID)（序号 \(cseq)）没有带上本设备前一条记录的哈希：这一批都未保存",
                       "event \(id) (cseq \(cseq)) does not carry the hash of the device's event before it: nothing of the batch was stored")
        case .badSignature(let cseq):
            return say("这一批到序号 \(cseq) 的签名与设备入网时的密钥不符：这一批都未保存",
                       "the batch's signature over cseq \(cseq) does not verify with the device's enrolled key: nothing of the batch was stored")
        }
    }
}
