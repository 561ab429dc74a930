import ArgumentParser
import Foundation
import LantianDomain
import LantianCommandLine
import LantianServer
import LantianTransport

@main
struct Lantiand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantiand",
        abstract: "蓝天服务器：保存全部网格事件，与巡查终端同步。Lantian server: stores every grid event and syncs field clients.",
        subcommands: [Serve.self, UserCommand.self, Enroll.self, DeviceCommand.self, TLSCommand.self, GridCommand.self, ConfigCommand.self, Verify.self, Rebuild.self, Backup.self, Restore.self, Migrate.self])

    /// Argument errors in the user's language (``UsageMessage``).
    static func main() { mainInUsersLanguage() }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "运行服务器，直到收到 SIGINT/SIGTERM。Serve until SIGINT or SIGTERM.")

    @OptionGroup var db: StoreOption

    @Option(help: "监听地址 主机:端口（端口 0 由系统选择）。Address to listen on, HOST:PORT (port 0 lets the system choose).")
    var listen = "127.0.0.1:7700"

    @Option(help: "连接静默多少秒后探测（ping），再静默同样时长即断开。Seconds of silence before a ping; as long again without an answer closes the connection.")
    var idleTimeout: UInt64 = 30

    @Flag(help: "记录每个连接。Log every connection.")
    var verbose = false

    @Option(help: "自建证书体系时：证书链文件（PEM，先放服务器证书）；默认用服务器自己生成、终端入网时记下的证书。With your own PKI: the certificate chain (PEM, leaf first); by default the server's own, pinned by devices at enrolment.")
    var tlsCert: String?

    @Option(help: "与 --tls-cert 配套的私钥文件（PEM）。The private key (PEM) for --tls-cert.")
    var tlsKey: String?

    @Flag(help: "危险：在本机地址上以明文监听，不加密、不验证身份，仅供调试（终端须设 LANTIAN_INSECURE_PLAINTEXT_LOOPBACK=1）。DANGER: listen in plaintext on a loopback address, no encryption, no identity; for debugging only (clients need LANTIAN_INSECURE_PLAINTEXT_LOOPBACK=1).")
    var insecurePlaintextLoopback = false

    func run() throws {
        let endpoint: Endpoint
        do { endpoint = try Endpoint(parsing: listen) } catch { throw ValidationError("--listen: \(error)") }
        let security: Daemon.Security
        switch (tlsCert, tlsKey, insecurePlaintextLoopback) {
        case (nil, nil, false): security = .selfSigned
        case (nil, nil, true): security = .insecurePlaintextLoopback
        case (let chain?, let key?, false): security = .certificate(chain: chain, key: key)
        case (_, _, true): throw ValidationError(language.say("--insecure-plaintext-loopback 不能与 --tls-cert/--tls-key 同用", "--insecure-plaintext-loopback cannot go with --tls-cert/--tls-key"))
        default: throw ValidationError(language.say("--tls-cert 与 --tls-key 须一起给出", "--tls-cert and --tls-key go together"))
        }
        try reportingFailure {
            try Daemon.serve(location: db.location, listen: endpoint, security: security, idleTimeoutSeconds: max(idleTimeout, 1),
                             verbose: verbose, language: language)
        }
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "在线备份数据文件（服务器可照常运行）。Copy the store consistently, while the server keeps running.")

    @Option(help: "SQLite 数据文件。The SQLite file.") var db: String
    @Option(help: "备份文件（不得已存在）；服务器密钥同时复制为 文件.key。The backup file to write (must not exist); the server key is copied to FILE.key.") var to: String

    func run() throws {
        try reportingFailure {
            guard !StoreLocation.isDatabaseURL(db) else { throw AdministrationError.backupOfSharedDatabase }
            print(texts.backedUp(try Maintenance.backup(store: db, to: to), from: db, to: to))
        }
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "从备份恢复为新数据文件，并换用新的纪元标识。Restore a backup into a new store under a new epoch.",
        discussion: """
            恢复后的服务器宣告新纪元：各终端重新下载全部记录，并重传备份之后上传的本机记录。
            The restored server announces a new epoch: every client pulls everything again and pushes \
            its own events the backup lacks. Stop lantiand, restore into a new file, and serve that file.
            """)

    @Option(help: "备份文件。The backup file.") var from: String
    @Option(help: "新的数据文件（不得已存在）。The new store to create (must not exist).") var db: String

    func run() throws {
        try reportingFailure {
            print(texts.restored(from: from, into: db, epoch: try Maintenance.restore(backup: from, into: db)))
        }
    }
}

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "把服务器的全部记录从 SQLite 数据文件迁入空的 PostgreSQL 数据库，并读回核对。Move the server's record from its SQLite file into an empty PostgreSQL database, and check it read back.",
        discussion: """
            数据文件不被改动；本节点副本与服务器密钥、TLS 密钥写在 --node-copy 处。The file is not changed; this node's \
            copy, with the server key and TLS keys, is written at --node-copy.
            """)

    @Option(help: "现有的服务器数据文件。The server's SQLite file.") var from: String
    @Option(help: "空的 PostgreSQL 数据库，postgresql://用户@主机/库名。An empty PostgreSQL database, postgresql://USER@HOST/NAME.") var to: String
    @Option(help: "本节点的副本文件（不得已存在）。This node's copy (must not exist).") var nodeCopy: String = StoreLocation.defaultNodeCopy

    func run() throws {
        guard StoreLocation.isDatabaseURL(to) else {
            throw ValidationError(language.say("--to 须是 postgresql:// 地址", "--to must be a postgresql:// address"))
        }
        var intact = true
        try reportingFailure {
            let location = StoreLocation(db: to, nodeCopy: nodeCopy)
            let report = try Migration.run(from: from, to: location)
            intact = report.audit.isIntact
            print(texts.migrated(report, from: from, to: location))
        }
        if !intact { throw ExitCode(1) }
    }
}
