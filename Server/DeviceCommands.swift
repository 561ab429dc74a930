import ArgumentParser
import Foundation
import LantianDomain
import LantianServer

struct Enroll: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "为用户签发一次性入网码。Issue a one-time code that enrols one device for a user.",
        discussion: """
            用户在终端上运行 lantian enroll --server 主机:端口 --code 入网码。入网码只能用一次，到期作废；\
            后两组是服务器 TLS 密钥的指纹，终端据此确认连上的是本服务器。
            The user runs lantian enroll --server HOST:PORT --code CODE on the device. A code works once and expires; \
            its last two groups are the server's TLS key pin, with which the device knows it reached this server.
            """)

    @OptionGroup var db: StoreOption
    @Argument(help: "用户名。The user the device is for.") var user: String
    @Option(help: "有效小时数（1–720）。Hours the code stays valid (1–720).") var validHours = 24
    @Option(help: "服务器以 --tls-cert 运行时，同一证书文件：入网码后两组按它生成。When the server runs with --tls-cert: the same file, for the code's pin.")
    var tlsCert: String?

    func run() throws {
        try administer(db) { admin in
            let issued = try admin.issueEnrolmentCode(for: user, hours: validHours, certificate: tlsCert)
            print(texts.enrolmentCode(issued.code, for: user, expiresAt: issued.expiresAt))
        }
    }
}

struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "已入网的终端。Enrolled devices.", subcommands: [List.self, Revoke.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出已入网的终端。List enrolled devices.")
        @OptionGroup var db: StoreOption

        func run() throws {
            try administer(db) { admin in
                for device in try admin.devices() { print(texts.deviceRow(device)) }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "吊销终端（如手机丢失）：下次连接即被拒绝，已接收的记录仍然有效。Revoke a device (a lost phone): refused from its next connection; what it recorded stays valid.")
        @OptionGroup var db: StoreOption
        @Argument(help: "终端编号，或其开头/结尾至少4位。The device id, or 4+ characters from its start or end.") var device: String
        @Option(help: "原因。Why.") var reason = "revoked"

        func run() throws {
            try administer(db) { admin in
                let revoked = try admin.revokeDevice(device, reason: reason)
                print(texts.revoked(revoked))
            }
        }
    }
}

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "从全部记录重建查询用的表（升级时自动进行）。Rebuild the tables the server reads, from every event (done by itself on upgrade).")

    @OptionGroup var db: StoreOption

    func run() throws {
        try administer(db) { admin in print(texts.rebuilt(try admin.rebuild())) }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "核验数据文件中每条记录的哈希链与签名。Re-check every event's hash chain and signature in the store.",
        discussion: "发现被改动、缺失或错序的记录时逐条列出并以状态 1 退出。Names every altered, missing or reordered event and exits 1.")

    @OptionGroup var db: StoreOption

    func run() throws {
        var problems = 0
        try administer(db) { admin in
            let audit = try admin.verify()
            problems = audit.problems.count
            print(texts.verified(audit))
        }
        if problems > 0 { throw ExitCode(1) }
    }
}
