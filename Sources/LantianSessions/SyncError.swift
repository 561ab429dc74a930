import Foundation
import LantianDomain
import LantianStore
import LantianWire

/// Why a sync did not finish. Whatever was committed before it stays committed.
public enum SyncError: Hashable, Sendable {
    /// Whether the network, not the server's judgement or this device, stopped the sync: it may
    /// well go through if tried again later. A message the server calls unexpected from a client
    /// that follows the protocol was disturbed on the way (a middlebox sending a frame twice).
    public var isNetworkFault: Bool {
        switch self {
        case .unreachable, .connectionClosed, .timedOut: true
        case .refused(let error): error.code == .unexpectedMessage
        default: false
        }
    }

    /// Whether a new session may succeed at once: the server said so, or the connection was disturbed.
    public var isWorthRetrying: Bool {
        guard case .refused(let error) = self else { return false }
        return error.code.isRetryable || error.code == .unexpectedMessage
    }

    /// The server could not be reached or the connection failed.
    case unreachable(NetworkFailure)
    /// The connection closed before the sync finished.
    case connectionClosed
    /// The server answered with an error.
    case refused(WireError)
    /// The server broke the protocol.
    case protocolViolation(String)
    /// The server stopped answering.
    case timedOut(seconds: Int)
    /// The local store failed.
    case storage(String)
    /// The local store is damaged: nothing was signed or sent from the damaged part; `lantian repair` salvages the rest.
    case damagedStore(String)
    /// The device has not been enrolled with a server (`lantian enroll`).
    case notEnrolled
    /// The server speaks an older protocol that lacks what was asked of it (fetching evidence).
    case serverTooOld(speaks: UInt16, needed: UInt16)
    /// Pulled events do not check out against their devices' signatures: nothing of the page was
    /// stored. The server or the network altered them.
    case unverified(count: Int, first: String)
    /// The server presented a TLS key this device does not trust (`presented`: its SHA-256, grouped):
    /// another machine, or one in between. Nothing was sent.
    case untrustedServer(presented: String)
    /// The TLS handshake failed: the address is not a Lantian server speaking TLS, or the
    /// certificate does not verify against the device's CA bundle.
    case secureChannelFailed(String)
}

extension SyncError: PresentableError {
    public var exitStatus: ExitStatus {
        switch self {
        case _ where isNetworkFault: .unavailable
        case .damagedStore: .ioError
        case .notEnrolled: .dataError
        case .untrustedServer, .secureChannelFailed: .unavailable
        default: .failure
        }
    }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .unreachable, .connectionClosed, .timedOut:
            return say("无法完成同步（\(reason(in: language))）。记录都已保存在本机，网络恢复后再运行 lantian sync。",
                       "Sync did not complete (\(reason(in: language))). Everything is saved on this device; run lantian sync again when the network is back.")
        case .refused(let refusal) where isNetworkFault:
            return say("连接受到干扰（服务器收到的消息重复或次序错乱）。记录都已保存在本机，稍后再运行 lantian sync。服务器原话：\(refusal.message)",
                       "The connection was disturbed (the server received a message twice or out of order: \(refusal.message)). Everything is saved on this device; run lantian sync again later.")
        case .refused(let refusal):
            return say("服务器拒绝了请求：\(refusal.code.meaning(in: language))" + (refusal.code.isRetryable ? "。稍后重试即可" : "") + "。服务器原话（\(refusal.code)）：\(refusal.message)",
                       "The server refused (\(refusal.code)): \(refusal.message)" + (refusal.code.isRetryable ? ". Trying again later is safe." : ""))
        case .protocolViolation(let detail):
            return say("服务器的响应不符合协议（\(detail)）：请确认地址指向蓝天服务器。",
                       "The server's answer breaks the protocol: \(detail). Check that the address is a Lantian server.")
        case .storage(let detail):
            return say("本机数据库出错：\(detail)", "The local store failed: \(detail)")
        case .damagedStore(let detail):
            return StoreError.damaged(detail).message(in: language)
        case .notEnrolled:
            return say("本机尚未入网，不能同步：向管理员索取入网码，运行 lantian enroll --server 主机:端口 --code 入网码",
                       "This device is not enrolled, so it cannot sync: get a code from your administrator and run lantian enroll --server HOST:PORT --code CODE")
        case .serverTooOld(let speaks, let needed):
            return say("服务器的协议版本为 \(speaks)，此功能需要版本 \(needed)：请管理员升级 lantiand。",
                       "The server speaks protocol version \(speaks); this needs version \(needed): ask your administrator to upgrade lantiand.")
        case .untrustedServer(let presented):
            return say("""
                服务器出示的 TLS 密钥不是本机入网时记下的那个（出示的密钥 SHA-256：\(presented)）：可能有人冒充服务器或在中间截取。\
                本机没有发出任何数据，记录都在本机。请把这串指纹报给管理员核对（lantiand tls show）；\
                若服务器确实换了密钥而本机错过了通知，需用新的入网码重新入网。
                """, """
                The server presented a TLS key that is not the one this device pinned at enrolment (presented key SHA-256: \(presented)): \
                another machine may be posing as the server, or sitting in between. Nothing was sent; everything is saved on this device. \
                Give this fingerprint to your administrator to compare (lantiand tls show); if the server really changed its key \
                and this device missed the announcement, enrol again with a new code.
                """)
        case .secureChannelFailed(let detail):
            return say("无法与服务器建立加密连接（\(detail)）。记录都已保存在本机：请确认地址指向蓝天服务器，或请管理员检查其 TLS 证书。",
                       "Could not set up an encrypted connection with the server (\(detail)). Everything is saved on this device: check that the address is a Lantian server, or ask your administrator to check its TLS certificate.")
        case .unverified(let count, let first):
            return say("服务器发来的 \(count) 条记录与其设备签名不符，均未保存（\(first)）。记录可能在服务器或网络上被篡改：请告知管理员。",
                       "\(count) event(s) from the server do not match their devices' signatures and were not stored (\(first)). They may have been altered on the server or the network: tell your administrator.")
        }
    }

    /// Why the connection failed, in a few words, for progress lines.
    public func reason(in language: Language) -> String {
        switch self {
        case .unreachable(let failure): failure.description
        case .connectionClosed: language.say("连接中断", "connection closed")
        case .timedOut(let seconds): language.say("服务器 \(seconds) 秒无响应", "no answer for \(seconds) s")
        default: message(in: language)
        }
    }
}
