import ArgumentParser
import Foundation
import LantianClient
import LantianCommandLine
import LantianDomain
import LantianWire

@main
struct Lantian: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantian",
        abstract: "蓝天网格巡查终端：离线记录，联网同步。Lantian field client: record offline, sync when connected.",
        discussion: "不带命令运行时显示首页：现在要做的事。Run alone, it shows what to do now.",
        subcommands: [Home.self, Enroll.self, Setup.self, Status.self, Sync.self, Verify.self, Repair.self, Rebuild.self, Quarantine.self, Issue.self,
                      Fire.self, PatrolCommand.self, AlertCommand.self, Dust.self, Dustfall.self, EnterpriseCommand.self, EvidenceCommand.self, ImportCommand.self, Review.self, InquiryCommand.self, Notice.self, Report.self],
        defaultSubcommand: Home.self)

    /// Argument errors in the user's language (``UsageMessage``).
    static func main() { mainInUsersLanguage() }
}

/// The home screen: what this user has to do now, each with the command to act on it.
struct Home: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "首页：逾期、将到期、待交办、待核查、待同步，各附处理命令。What to do now, each with its command.")

    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.run { client, texts in
            let now = Timestamp.now()
            print(texts.home(try client.agenda(now: now), status: try client.status(probe: false)))
        }
    }
}

struct Setup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "未入网时先设置用户，以便离线记录（同步须先 lantian enroll）。Set up the user to record before enrolling (syncing needs lantian enroll).")

    @OptionGroup var common: CommonOptions

    @Option(help: "使用本机的用户名，对所记录的内容负责。The user of this device, who answers for what it records.")
    var user: String

    @Option(help: "服务器地址 主机:端口。The server, HOST:PORT.")
    var server: String

    func run() throws {
        try common.run { client, texts in
            print(texts.setUpDone(try client.setUp(actor: user, server: server)))
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "待同步事件数、上次同步时间、服务器是否可连接。What waits to sync, the last sync, and whether the server answers.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "不尝试连接服务器。Do not try to reach the server.")
    var offline = false

    @Flag(help: "以 JSON 输出。Print JSON.")
    var json = false

    func run() throws {
        try common.run { client, texts in
            let status = try client.status(probe: !offline)
            print(json ? try JSONOutput.render(JSONOutput.StatusRecord(status)) : texts.status(status))
        }
    }
}

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "上传本机记录并下载新记录。Push this device's records and pull new ones.",
        discussion: """
            --watch 持续运行：服务器不可达时按指数退避重试，连上后保持连接，实时收发新记录；Ctrl-C 结束。
            --watch keeps running: retries an unreachable server with backoff, then stays connected for \
            live updates both ways; Ctrl-C ends it.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "本次使用的服务器 主机:端口，默认为设置的服务器。The server for this sync; default the one set up.")
    var server: String?

    @Flag(help: "持续同步，直到按 Ctrl-C。Keep syncing until Ctrl-C.")
    var watch = false

    @Flag(help: "只上传本机记录和照片，不下载（信号弱时先把记录送上去）。Push this device's records and photos only, pull nothing (on a weak link, get them up first).")
    var pushOnly = false

    @Flag(help: "以 JSON 输出。Print JSON.")
    var json = false

    func run() throws {
        try common.run { client, texts in
            let target = try server ?? client.localDevice()?.server ?? ""
            if watch {
                guard !pushOnly else { throw FieldError.conflictingOptions("--watch", "--push-only") }
                return try client.watch(server: server) { event in
                    // Written at once, unbuffered: someone (or a log) is watching as it happens.
                    FileHandle.standardOutput.write(Data((texts.watching(event, server: target) + "\n").utf8))
                }
            }
            let meter = ProgressLine(texts: texts, enabled: !json && isatty(STDERR_FILENO) == 1)
            let before = try client.agenda(now: .now())
            let report = try client.sync(server: server, pushOnly: pushOnly, onProgress: meter.show)
            meter.finish()
            // What the sync brought for this user, not only how many records it moved.
            let news = try before.flatMap { before in try client.agenda(now: .now())?.news(since: before) } ?? []
            print(json ? try JSONOutput.render(JSONOutput.SyncRecord(report)) : texts.synced(report, server: target) + texts.news(news))
        }
    }
}

struct Quarantine: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "被拒收的记录及原因。Records refused (by the server, or here on arrival), and why.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var output: ListOutput

    func run() throws {
        try common.run { client, texts in
            let events = try client.quarantined()
            let ownDevice = try client.localDevice()?.id
            try output.emit(events.map { JSONOutput.QuarantineRow($0, language: texts.language) }, texts: texts) {
                texts.quarantineTable(events, ownDevice: ownDevice)
            }
        }
    }
}
