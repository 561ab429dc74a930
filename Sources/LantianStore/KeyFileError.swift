import Foundation
import LantianDomain

/// A key file that cannot be used; says what to do.
public enum KeyFileError: Hashable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case tooOpen(path: String, mode: mode_t)
    case unreadable(path: String)
    /// The key is not the one the store's own device was enrolled with.
    case notThisStore(path: String)
    case cannotWrite(path: String, reason: String)

    public var description: String { message(in: .english) }
}

extension KeyFileError: PresentableError {
    public var exitStatus: ExitStatus {
        switch self {
        case .cannotWrite: .failure
        default: .dataError
        }
    }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .missing(let path):
            return say("设备密钥 \(path) 不见了：本机无法签名；请用新的入网码重新入网（lantian enroll）",
                       "The device key \(path) is missing: this device cannot sign; enrol it again (lantian enroll) with a new code")
        case .tooOpen(let path, let mode):
            return say("设备密钥 \(path) 其他人可读（权限 \(String(mode, radix: 8))）：运行 chmod 600 \(path)；如可能已被他人复制，请让管理员吊销本设备",
                       "The device key \(path) can be read by others (mode \(String(mode, radix: 8))): run chmod 600 \(path), and have the device revoked if others may have copied it")
        case .unreadable(let path):
            return say("\(path) 不是蓝天设备密钥：从备份中恢复，或用新的入网码重新入网",
                       "\(path) is not a Lantian device key: restore it from your backup, or enrol again with a new code")
        case .notThisStore(let path):
            return say("密钥 \(path) 不是此数据文件入网时所用的密钥：放回属于此数据文件的密钥文件",
                       "The key \(path) is not the one this store was enrolled with: put back the key file that belongs to this store")
        case .cannotWrite(let path, let reason):
            return say("无法写入设备密钥 \(path)（\(reason)）：检查所在文件夹是否存在、是否可写",
                       "Cannot write the device key \(path) (\(reason)): check that its folder exists and is writable")
        }
    }
}
