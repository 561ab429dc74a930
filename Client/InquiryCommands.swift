import ArgumentParser
import Foundation
import LantianClient
import LantianDomain

/// 一案双查 (supervisors): open an inquiry into an office, record findings, conclude.
struct InquiryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquiry", abstract: "一案双查：调查监管单位是否失职（督导，仅督导可见）。Inquiries into whether an office neglected its duty (supervisors).",
        subcommands: [Open.self, Finding.self, Conclude.self, List.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "立案。Open an inquiry.")
        @OptionGroup var common: CommonOptions
        @Option(help: "被调查单位：乡镇或网格的编码或名称。The office: a township or cell.") var node: String
        @Option(help: "被调查人（可选）。A named person (optional).") var person: String?
        @Option(help: "起因问题的编号（可选）。The issue that prompted it (optional).") var issue: String?
        @Option(help: "立案原因。Why.") var reason: String

        func run() throws {
            try common.run { client, texts in
                print(texts.inquiryOpened(try client.openInquiry(node: try client.nodeCode(node), person: person, prompt: issue, reason: reason, now: .now())))
            }
        }
    }

    struct Finding: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录调查情况。Record findings.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "一案双查编号。The inquiry's id.") var id: String
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                let step = InquiryStep(note: details.note, evidence: try client.evidence(photos: details.photos))
                print(texts.inquiryStepRecorded(try client.recordInquiryStep(id, kind: .finding, step: step, now: .now())))
            }
        }
    }

    struct Conclude: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "结案：fulfilled 履职到位，或 neglected 失职（须 --responsible）。Conclude.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "一案双查编号。The inquiry's id.") var id: String
        @Option(help: "结论：fulfilled 或 neglected。The outcome.") var outcome: InquiryStep.Outcome
        @Option(help: "失职责任人。Who answers for the neglect.") var responsible: String?
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                let step = InquiryStep(note: details.note, evidence: try client.evidence(photos: details.photos), outcome: outcome, responsible: responsible)
                print(texts.inquiryStepRecorded(try client.recordInquiryStep(id, kind: .concluded, step: step, now: .now())))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出一案双查。List inquiries.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            try common.run { client, texts in print(texts.inquiryTable(try client.inquiries(), names: try client.nodeNames())) }
        }
    }
}
