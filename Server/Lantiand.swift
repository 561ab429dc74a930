import ArgumentParser
import Foundation
import LantianProtocol
import LantianServer
import LantianTransport

@main
struct Lantiand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantiand",
        abstract: "蓝天服务器：保存全部网格事件，与巡查终端同步。Lantian server: stores every grid event and syncs field clients.",
        subcommands: [Serve.self, UserCommand.self, GridCommand.self, ConfigCommand.self])
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "运行服务器，直到收到 SIGINT/SIGTERM。Serve until SIGINT or SIGTERM.")

    @Option(help: "SQLite 数据文件，不存在则创建。The SQLite file; created if absent.")
    var db: String

    @Option(help: "监听地址 主机:端口（端口 0 由系统选择）。Address to listen on, HOST:PORT (port 0 lets the system choose).")
    var listen = "127.0.0.1:7700"

    @Option(help: "连接静默多少秒后探测（ping），再静默同样时长即断开。Seconds of silence before a ping; as long again without an answer closes the connection.")
    var idleTimeout: UInt64 = 30

    @Flag(help: "记录每个连接。Log every connection.")
    var verbose = false

    func run() throws {
        let endpoint: Endpoint
        do { endpoint = try Endpoint(parsing: listen) } catch { throw ValidationError("--listen: \(error)") }
        do {
            try Daemon.serve(databasePath: db, listen: endpoint, idleTimeoutSeconds: max(idleTimeout, 1), verbose: verbose)
        } catch {
            FileHandle.standardError.write(Data("lantiand: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
