import Foundation
import LantianDomain
import LantianFiles
import LantianSessions
import LantianWire
import LantianStore
import LantianSync
import LantianTransport

/// A field-client operation cannot go ahead, for a reason the user can fix.
public enum FieldError: Hashable, Sendable {
    case notSetUp
    /// The device has no key enrolled with a server yet: it records, but cannot sync.
    case notEnrolled
    /// The store's device is enrolled already (for this user).
    case alreadyEnrolled(String)
    case badEnrolmentCode(String)
    /// A code without the server's pin (its last two groups), and no CA bundle to check the server with.
    case enrolmentCodeWithoutPin(String)
    /// `LANTIAN_INSECURE_PLAINTEXT_LOOPBACK` was set for a server that is not on this machine.
    case plaintextBeyondLoopback(String)
    /// TLS could not be set up on this device.
    case secureChannel(String)
    case noServer
    case badServerAddress(String)
    /// The user is not in the directory this device has synced.
    case unknownUser(String)
    case unknownNode(String)
    /// This device has neither a grid nor the user's scope yet: it has never synced.
    case gridNotSynced
    /// No record matches the id given, or several do.
    case noSuchRecord(String)
    case ambiguousRecord(String, candidates: [String])
    case unreadableFile(String)
    /// A photo that is empty or larger than the server accepts.
    case unsuitablePhoto(String, maxBytes: Int64)
    /// A record of this device's that the server refused (its wire reason): no view counts it.
    case refusedRecord(String, reason: String)
    /// Two options that say opposite things (`--failed` with `--all-passed`).
    case conflictingOptions(String, String)
    /// A file given as a photo that is not a picture (``PhotoFormat``).
    case notAPhoto(String)
    /// The workflow does not allow this step now.
    case stepRefused(TicketRuleViolation)
    case enterpriseStepRefused(EnterpriseRuleViolation)
    case unknownStation(String)
    /// A review asked for a node outside the user's scope: this device holds no data for it.
    case noDataFor(String, name: String, scope: String)
    /// A check-in or an end with no patrol under way (ended before it started).
    case noPatrolUnderWay
    /// A patrol started while one is under way (since the time given).
    case patrolUnderWay(since: String)
    /// A check-in at a fixed point from further away than a check-in at it may be.
    case farFromPatrolPoint(String, metres: Int, allowed: Int)
    /// No alert is in force (any more: it ended or was lifted at the time given).
    case alertNotInForce(String?)
    /// A measure named that the place does not owe at the alert's level.
    case notAMeasure(String, measures: [String])
    /// A step of an inquiry already concluded (with this outcome).
    case inquiryConcluded(String)
}

extension FieldError: PresentableError {
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .notEnrolled:
            return say("本机尚未入网，不能同步：向管理员索取入网码，运行 lantian enroll --server 主机:端口 --code 入网码",
                       "This device is not enrolled, so it cannot sync: get a code from your administrator and run lantian enroll --server HOST:PORT --code CODE")
        case .alreadyEnrolled(let user):
            return say("本机已为 \(user) 入网。被吊销的设备请用新的数据文件重新入网（--db 新文件）",
                       "This device is already enrolled for \(user). A revoked device enrols again with a new store (--db NEW-FILE)")
        case .badEnrolmentCode(let code):
            return say("“\(code)”不是入网码：入网码为 20 位字母和数字，分四组，如 7KQ2M-X9D4P-3FJ8K-Q2MXA",
                       "'\(code)' is not an enrolment code: it has twenty letters and digits in four groups, such as 7KQ2M-X9D4P-3FJ8K-Q2MXA")
        case .enrolmentCodeWithoutPin(let code):
            return say("入网码“\(code)”只有前两组，缺少核对服务器身份的后两组：请向管理员索取完整的四组入网码（或按管理员说明用 --ca-file 指定证书文件）",
                       "The code '\(code)' has only its first two groups, without the last two that check the server's identity: ask your administrator for the whole four-group code (or give --ca-file as your administrator says)")
        case .plaintextBeyondLoopback(let server):
            return say("\(FieldClient.plaintextVariable) 只允许连接本机上的调试服务器，\(server) 不在本机：取消这个环境变量，用加密连接",
                       "\(FieldClient.plaintextVariable) only allows a debugging server on this machine, and \(server) is not on it: unset the variable and use the encrypted connection")
        case .secureChannel(let detail):
            return say("本机无法准备加密连接（\(detail)）：请把这条消息报给管理员",
                       "This device cannot set up the encrypted connection (\(detail)): tell your administrator")
        case .notSetUp:
            return say("本机尚未设置：先运行 lantian setup --user 用户名 --server 主机:端口",
                       "This device is not set up: run lantian setup --user NAME --server HOST:PORT first")
        case .noServer:
            return say("未设置服务器：运行 lantian setup --user 用户名 --server 主机:端口，或在 sync 时加 --server",
                       "No server is set: run lantian setup --user NAME --server HOST:PORT, or pass --server to sync")
        case .badServerAddress(let text):
            return say("服务器地址“\(text)”格式不对：应为 主机:端口，例如 127.0.0.1:7700",
                       "Server address '\(text)' is not valid: use HOST:PORT, for example 127.0.0.1:7700")
        case .unknownUser(let user):
            return say("本机还不知道用户 \(user) 的角色：请管理员在服务器登记（lantiand user add），然后运行 lantian sync",
                       "This device does not know user \(user)'s role yet: have an administrator add them (lantiand user add), then run lantian sync")
        case .unknownNode(let code):
            return say("没有编码为 \(code) 的网格：检查编码，或先运行 lantian sync 取得网格",
                       "No grid node has code \(code): check the code, or run lantian sync to get the grid")
        case .gridNotSynced:
            return say("本机还没有网格和你的负责范围：联网后先运行 lantian sync",
                       "This device has no grid or scope for you yet: run lantian sync while connected")
        case .noSuchRecord(let reference):
            return say("没有编号为 \(reference) 的记录：用列表命令查看编号（至少 4 位）",
                       "No record has id \(reference): list them to see the ids (4 characters at least)")
        case .ambiguousRecord(let reference, let candidates):
            return say("编号 \(reference) 对应多条记录（\(candidates.joined(separator: "、"))）：请多写几位",
                       "Id \(reference) matches several records (\(candidates.joined(separator: ", "))): give more characters")
        case .unreadableFile(let path):
            return say("无法读取文件 \(path)：检查路径", "Cannot read file \(path): check the path")
        case .unsuitablePhoto(let path, let maxBytes):
            return say("照片 \(path) 为空或超过 \(ByteCount(maxBytes))：请换一张",
                       "Photo \(path) is empty or larger than \(ByteCount(maxBytes)): use another")
        case .refusedRecord(let reference, let reason):
            let why = Refusal(wire: reason).message(in: language)
            return say("\(reference) 是本机的一条记录，已被服务器拒收（\(why)），不计入任何列表：按原因改正后重新记录；lantian quarantine 列出全部被拒收的记录",
                       "\(reference) is a record of this device the server refused (\(why)); no list counts it: record it again as the reason says; lantian quarantine lists every refused record")
        case .conflictingOptions(let first, let second):
            return say("\(first) 与 \(second) 互相矛盾：只用其中一个", "\(first) and \(second) contradict each other: give one of them")
        case .notAPhoto(let path):
            return say("\(path) 不是照片（应为 \(PhotoFormat.names.chinese)）：请选择相机拍的照片",
                       "\(path) is not a photo (\(PhotoFormat.names.english) expected): choose a picture the camera took")
        case .stepRefused(let violation):
            return say("不能执行此操作：", "Not allowed: ") + violation.message(in: language)
        case .enterpriseStepRefused(let violation):
            return say("不能执行此操作：", "Not allowed: ") + violation.message(in: language)
        case .noDataFor(let code, let name, let scope):
            return say("本机没有\(name)（\(code)）的数据：它不在您的范围（\(scope)）内，只能审查您范围内的县区",
                       "This device holds no data for \(name) (\(code)): it is outside your scope (\(scope)); review a county within it")
        case .unknownStation(let code):
            return say("本机没有编码为 \(code) 的降尘监测点：先运行 lantian sync 取得已登记的监测点，或用 lantian dustfall station --code \(code) 登记",
                       "This device knows no dust-fall station with code \(code): run lantian sync to get the stations registered, or register it with lantian dustfall station --code \(code)")
        case .noPatrolUnderWay:
            return say("没有进行中的巡查：先用 lantian patrol start 开始巡查，再打卡或结束；未记录任何内容",
                       "No patrol is under way: start one with lantian patrol start before checking in or ending it; nothing was recorded")
        case .patrolUnderWay(let since):
            return say("已有进行中的巡查（\(since) 开始）：先用 lantian patrol end 结束它；未记录任何内容",
                       "A patrol is already under way (started \(since)): end it with lantian patrol end first; nothing was recorded")
        case .farFromPatrolPoint(let name, let metres, let allowed):
            return say("当前位置距定点“\(name)”约 \(metres) 米，超过 \(allowed) 米：到定点后再打卡，或不带 --point 记录当前位置；未记录任何内容",
                       "You are about \(metres) m from the point \(name), more than \(allowed) m: check in there, or without --point to record where you are; nothing was recorded")
        case .alertNotInForce(let ended?):
            return say("该预警已于 \(ended) 结束或解除：此后不再检查，未记录任何内容", "That alert ended or was lifted at \(ended): nothing is checked after it; nothing was recorded")
        case .alertNotInForce(nil):
            return say("您的范围内现在没有生效的重污染天气预警：未记录任何内容（lantian alert list 查看预警）",
                       "No heavy-pollution alert is in force in your scope now: nothing was recorded (lantian alert list shows the alerts)")
        case .inquiryConcluded(let outcome):
            return say("该一案双查已结案（\(outcome)），不能再记录；如有新情况请另行立案", "That inquiry is concluded (\(outcome)); open a new one for anything new")
        case .notAMeasure(let measure, let measures):
            return say("“\(measure)”不是该企业在本级预警下的措施；应为：\(measures.joined(separator: "、"))",
                       "'\(measure)' is not a measure this place owes at this level; it owes: \(measures.joined(separator: ", "))")
        }
    }
}
