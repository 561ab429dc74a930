import ArgumentParser
import Foundation
import LantianClient

struct Enroll: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "用管理员签发的一次性入网码让本机入网，并首次同步。Enrol this device with a one-time code from an administrator, then sync.",
        discussion: """
            在本机生成设备密钥（保存在数据文件旁的 .key 文件，仅本人可读），向服务器登记其公钥。
            入网码的后两组核对服务器的 TLS 密钥：对不上则不发送任何数据；核对无误后本机记住这把密钥，以后只与它通信。
            Makes the device key (kept next to the store in a .key file readable by you only) and registers its public half with the server.
            The code's last two groups check the server's TLS key: if it does not match, nothing is sent; once it does, this device
            remembers the key and talks to no other.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "服务器地址 主机:端口。The server, HOST:PORT.")
    var server: String

    @Option(help: "入网码，四组，如 7KQ2M-X9D4P-3FJ8K-Q2MXA。The enrolment code, four groups.")
    var code: String

    @Option(help: "自建证书体系时，用以核验服务器证书的 CA 证书文件（PEM）。With your own PKI: the CA bundle (PEM) to check the server with.")
    var caFile: String?

    @Flag(help: "只入网，稍后再同步（如网速很慢）。Enrol only; sync later (on a slow link, say).")
    var noSync = false

    func run() throws {
        try common.run { client, texts in
            let report = try client.enroll(server: server, code: code, certificateAuthorities: caFile, sync: !noSync)
            if let device = try client.localDevice() { print(texts.enrolled(report, device: device)) }
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "核验本机每条记录的哈希链与签名。Re-check the hash chain and signature of every event on this device.",
        discussion: "发现被改动、缺失或错序的记录时逐条列出并以状态 1 退出。Names every altered, missing or reordered event and exits 1.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        var intact = true
        try common.run { client, texts in
            let audit = try client.verify()
            print(texts.verified(audit))
            intact = audit.isIntact
        }
        if !intact { throw ExitCode(1) }
    }
}

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "从全部记录重建查询用的表（一般无需手动运行）。Rebuild the tables views read, from every record (seldom needed by hand).",
        discussion: """
            数据文件升级时会自动重建。记录本身不变。
            Opening a store of an older version rebuilds them by itself. The records themselves are not touched.
            """)

    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { client, texts in
            let line = ProgressLine(texts: texts, enabled: isatty(STDERR_FILENO) == 1)
            let count = try client.rebuild(progress: line.showRebuild)
            line.finish()
            print(texts.rebuilt(count))
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "修复损坏的本机数据文件：保留所有完好的记录。Mend a damaged store, keeping every intact record.",
        discussion: """
            损坏的文件改名保留；完好的记录原样保留，其他设备损坏的记录下次同步时重新下载；本机尚未上传的记录若有损坏，\
            其后完好的记录改用新设备标识重新记录并上传，损坏的列入 lantian quarantine 并说明原因。
            The damaged file is kept under a new name. Intact records are kept as they are; other devices' \
            damaged records are pulled again at the next sync; when one of this device's records not yet \
            uploaded is damaged, the intact ones after it are recorded again under a new device id, and the \
            damaged one is listed by lantian quarantine with the reason.
            """)

    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.runOnPath { path, texts in
            print(texts.repaired(try FieldClient.repair(databasePath: path, now: .now())))
        }
    }
}
