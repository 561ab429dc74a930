import Foundation
import LantianFiles
import LantianDomain
import LantianWire
import LantianStore
import LantianSync
import LantianTransport

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
    /// `lantiand tls rotate` while a next key waits to be promoted.
    case tlsRotationPending(String)
    /// `lantiand tls promote` with no next key prepared.
    case noTLSRotationPending
    /// A TLS key or certificate could not be made, read or used.
    case tls(TLSFailure)
    /// `--insecure-plaintext-loopback` with an address that is not this machine's.
    case plaintextBeyondLoopback(String)
    /// The PostgreSQL database cannot be reached or refused a statement: its address (no password), what it said.
    case database(String, String)
    /// `lantiand backup` of a record on PostgreSQL: that is the database's own backup's work.
    case backupOfSharedDatabase
    /// `lantiand migrate` into a database that already holds a record.
    case databaseNotEmpty(String)
    /// `lantiand migrate` read back from the database something other than what it moved.
    case migrationDiffers(String)

    public var description: String { message(in: .english) }
}

extension AdministrationError: PresentableError {
    /// A TLS failure, said in Chinese (OpenSSL's own reasons stay as OpenSSL gives them).
    static func chinese(_ failure: TLSFailure) -> String {
        switch failure {
        case .untrustedServer(let presented): "对方出示的密钥不受信任（SHA-256 \(presented)）"
        case .protocolFailure(let reason): "TLS 失败（OpenSSL：\(reason)）"
        case .closedDuringHandshake: "TLS 握手未完成连接就断开了"
        case .closedByPeer: "对方结束了 TLS 会话"
        case .openSSL(let detail): "OpenSSL 调用失败（\(detail)）"
        case .identityFile(let path, let problem):
            switch problem {
            case .unreadable: "文件 \(path) 无法读取"
            case .unwritable: "文件 \(path) 无法写入"
            case .notPEM: "文件 \(path) 不是所需的 PEM 格式（私钥或证书）"
            case .missingBeside(let other): "文件 \(path) 不存在，而与它配对的 \(other) 存在"
            case .notForKey(let key): "证书 \(path) 与私钥 \(key) 不配对"
            case .noPublicKey: "证书 \(path) 中没有公钥"
            }
        }
    }

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
        case .tlsRotationPending(let path):
            return say("已有一把待启用的新 TLS 密钥（\(path)）：先等终端同步后用 lantiand tls promote 启用它，再准备下一把",
                       "A next TLS key is already prepared (\(path)): let devices sync, put it in use with lantiand tls promote, then prepare another")
        case .noTLSRotationPending:
            return say("没有待启用的新 TLS 密钥：先用 lantiand tls rotate 生成，并等终端同步",
                       "No next TLS key is prepared: make one with lantiand tls rotate and let devices sync first")
        case .tls(let failure):
            return say("TLS 密钥或证书有误：\(Self.chinese(failure))。请检查文件；服务器自己生成的那对文件不要删除或替换，否则已入网的终端都会拒绝连接，需重新入网",
                       "The TLS key or certificate is wrong: \(failure). Check the files; do not remove or replace the pair the server made itself, or every enrolled device refuses it and must enrol again")
        case .plaintextBeyondLoopback(let address):
            return say("明文监听只能用于本机调试（127.0.0.1 或 ::1），\(address) 不是本机地址：去掉 --insecure-plaintext-loopback",
                       "A plaintext listener is for debugging on this machine only (127.0.0.1 or ::1), and \(address) is not: drop --insecure-plaintext-loopback")
        case .database(let address, let said):
            return say("无法使用数据库 \(address)（PostgreSQL：\(said)）：检查地址、用户、密码和数据库是否存在，以及 PostgreSQL 是否在运行；未写入任何内容",
                       "Cannot use the database \(address) (PostgreSQL: \(said)): check the address, user, password and that the database exists and PostgreSQL runs; nothing was written")
        case .backupOfSharedDatabase:
            return say("记录保存在 PostgreSQL 中：用 pg_dump（或流复制、pg_basebackup）备份数据库，并另行保存节点副本旁的服务器密钥与 TLS 密钥文件",
                       "The record is in PostgreSQL: back the database up with pg_dump (or streaming replication, pg_basebackup), and keep the server key and TLS key files beside a node's copy separately")
        case .databaseNotEmpty(let address):
            return say("数据库 \(address) 已有记录：迁移只写入空数据库。新建一个数据库（createdb）再迁移；已有内容未被改动",
                       "The database \(address) already holds a record: a migration writes only into an empty one. Create a new database (createdb) and migrate again; nothing there was changed")
        case .migrationDiffers(let what):
            return say("迁移后从数据库读回的内容与原数据文件不一致（\(what)）：不要启用该数据库，原数据文件未被改动；请保留两者并报告此问题",
                       "What was read back from the database after the migration differs from the file (\(what)): do not use the database; the file was not changed. Keep both and report this")
        }
    }
}
