import ArgumentParser
import Foundation
import LantianServer
import LantianTransport

struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls", abstract: "服务器的 TLS 密钥：查看、轮换。The server's TLS key: show it, rotate it.",
        discussion: """
            轮换分两步：lantiand tls rotate 生成新密钥，服务器在每次同步时把它告知终端；多数终端同步后，\
            停止服务器，运行 lantiand tls promote，再启动。错过通知的终端需重新入网。
            Rotation takes two steps: lantiand tls rotate makes the next key, which the server announces at every sync; \
            once most devices have synced, stop the server, run lantiand tls promote, and start it again. A device that \
            missed the announcement must enrol again.
            """,
        subcommands: [Show.self, Rotate.self, Promote.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "显示 TLS 密钥指纹与入网码后两组（尚无密钥则生成）。Show the TLS key's fingerprint and the pin enrolment codes end with (made if absent).")
        @OptionGroup var db: StoreOption

        func run() throws {
            try withTLSFiles(db) { files in
                texts.tlsKeys(current: try files.current().fingerprint, next: try files.nextIdentity()?.fingerprint, files: files)
            }
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "生成下一把 TLS 密钥；重启服务器后在同步时告知终端。Make the next TLS key; announced to devices at their syncs once the server restarts.")
        @OptionGroup var db: StoreOption

        func run() throws {
            try withTLSFiles(db) { files in
                let next = try files.prepareNext()
                return texts.tlsKeys(current: try files.current().fingerprint, next: next.fingerprint, files: files)
            }
        }
    }

    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "启用下一把 TLS 密钥（先停止服务器）。Put the next TLS key in use (stop the server first).")
        @OptionGroup var db: StoreOption

        func run() throws {
            try withTLSFiles(db) { files in texts.tlsKeys(current: try files.promoteNext().fingerprint, next: nil, files: files) }
        }
    }
}

/// Runs `body` on the TLS files of the store at `db` and prints what it says; a TLS failure is
/// reported as the administration error it is.
private func withTLSFiles(_ db: StoreOption, _ body: (ServerTLSFiles) throws -> String) throws {
    try reportingFailure {
        do {
            print(try body(ServerTLSFiles(store: db.location.file)))
        } catch let failure as TLSFailure {
            throw AdministrationError.tls(failure)
        }
    }
}
