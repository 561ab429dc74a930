import Foundation
import LantianFiles
import LantianDomain
import LantianWire
import LantianStore
import LantianSync

/// An administration command that cannot go ahead; says what to fix.
public enum AdministrationError: Hashable, Sendable, CustomStringConvertible {
    case unknownNode(String)
    case wrongLevel(node: String, level: GridLevel, parent: String, parentLevel: GridLevel)
    case parentRequired(String, GridLevel)
    case badCode(String)
    case badUserName(String)
    case emptySetting(String)
    case unknownUser(String)
    case badValidity(Int)
    case unknownDevice(String)
    case ambiguousDevice(String)
    case cannotRevokeServer
    /// A backup without the server key beside it: the restored server could not sign.
    case missingServerKey(String)

    public var description: String { message(in: .english) }
}

extension AdministrationError: PresentableError {
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        func level(_ level: GridLevel) -> String { level.name(in: language) }
        switch self {
        case .unknownNode(let code):
            return say("没有编码为 \(code) 的网格节点：先用 lantiand grid add 定义", "No grid node has code \(code): define it first with lantiand grid add")
        case .wrongLevel(let node, let nodeLevel, let parent, let parentLevel):
            return say("\(node) 是\(level(nodeLevel))，其上级 \(parent) 却是\(level(parentLevel))：上级必须高一级",
                       "\(node) is a \(level(nodeLevel)) but its parent \(parent) is a \(level(parentLevel)): a node's parent must be one level up")
        case .parentRequired(let code, let nodeLevel):
            return say("\(code) 是\(level(nodeLevel))：用 --parent 给出上级（只有市级没有上级）",
                       "\(code) is a \(level(nodeLevel)): give its parent with --parent (only a city has none)")
        case .badCode(let code):
            return say("“\(code)”不是节点编码：只用字母、数字和“-”，如 371502001", "'\(code)' is not a node code: use letters, digits and '-' only, such as 371502001")
        case .badUserName(let name):
            return say("“\(name)”不是用户名：长度 1 到 256 字节，如 officer.zhang", "'\(name)' is not a user name: give 1 to 256 bytes, such as officer.zhang")
        case .emptySetting(let name):
            return say("设置 \(name) 需要一个值：至少一项，或一个正数（年份为 2000 到 2100）",
                       "The \(name) setting needs a value: at least one item, or a positive number (a year from 2000 to 2100)")
        case .unknownUser(let name):
            return say("没有名为 \(name) 的用户：先用 lantiand user add 添加", "No user is called \(name): add them first with lantiand user add")
        case .badValidity(let hours):
            return say("入网码有效期 \(hours) 小时不可用：应为 1 到 720 小时", "A code valid for \(hours) hours: give 1 to 720 hours")
        case .unknownDevice(let reference):
            return say("没有编号以“\(reference)”开头或结尾的已入网设备：用 lantiand device list 查看",
                       "No enrolled device's id starts or ends with '\(reference)': see lantiand device list")
        case .ambiguousDevice(let reference):
            return say("多台设备的编号与“\(reference)”相符：请多写几位", "Several devices' ids match '\(reference)': give more of the id")
        case .cannotRevokeServer:
            return say("那是服务器自己的设备，不能吊销", "That is the server's own device: it cannot be revoked")
        case .missingServerKey(let path):
            return say("缺少服务器密钥 \(path)：把服务器的密钥文件放在那里（lantiand backup 会把它写在备份旁边）；没有它，终端无法核验恢复后的服务器所记录的内容",
                       "The server key \(path) is missing: put the server's key file there (lantiand backup writes it next to the backup); without it clients cannot check what the restored server records")
        }
    }
}
