import ArgumentParser
import Foundation
import LantianClient
import LantianDomain

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "证据照片：从服务器取回并保存。Evidence photos: fetch them from the server and save them.",
        subcommands: [Get.self])

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "取回一个问题的全部证据照片，注明阶段、添加人和时间（核查人员现场比对）。Fetch an issue's photos, with stage, author and time.",
            discussion: """
                本机没有的照片从服务器取回（仅限管辖范围内），中断后再次运行从断点续传，每张按 SHA-256 校验后才保存。
                Photos this device lacks are fetched from the server (within your scope only); run it again after a cut \
                and it resumes; each photo is checked against its SHA-256 before it is saved.
                """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "问题编号。The issue's id.") var id: String
        @Option(help: "保存到的文件夹，默认 证据-编号。The folder to save into; default evidence-ID.") var to: String?
        @Option(help: "本次使用的服务器 主机:端口。The server for this fetch.") var server: String?

        func run() throws {
            try common.run { client, texts in
                let fetch = try client.fetchEvidence(of: id, into: to, server: server, language: texts.language)
                print(texts.evidenceFetched(fetch))
                if let failure = fetch.failure { throw failure }
            }
        }
    }
}
