import ArgumentParser
import Foundation
import LantianClient
import LantianDomain

struct EnterpriseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprise", abstract: "散乱污企业台账。The scattered-polluting enterprise ledger.",
        subcommands: [Register.self, List.self, Dispose.self, Closure.self, SignOff.self, Relocated.self, Resumed.self, Resurgence.self])

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "建档登记。Put an enterprise on file.")
        @OptionGroup var common: CommonOptions
        @Option(help: "名称。The name.") var name: String
        @Option(help: "地址。The address.") var address = ""
        @Option(help: "行业。The industry.") var industry = ""
        @Option(help: "线索来源：patrol, electricity-data, satellite, drone, public-report。The lead.") var lead: EnterpriseRegistered.LeadSource = .patrol
        @Option(help: "网格编码，默认本人网格。The grid node; default your own.") var node: String?

        func run() throws {
            try common.run { client, texts in
                let event = try client.registerEnterprise(name: name, address: address, node: node, industry: industry, leadSource: lead, now: .now())
                print(texts.enterpriseRegistered(try client.enterprise(event.subject), issues: try client.issues(from: event.subject).map(\.id)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "台账。The ledger.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let ledger = try client.enterprises()
                try output.emit(ledger.all.map(JSONOutput.EnterpriseRecord.init), texts: texts) { texts.enterpriseTable(ledger) }
            }
        }
    }

    struct Dispose: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "确定处置方式。Decide the disposition.")
        @OptionGroup var step: EnterpriseStepOptions
        @Option(name: .customLong("as"), help: "ban-close, relocate 或 upgrade。") var disposition: Disposition
        func run() throws { try step.take(.disposed, EnterpriseStep(disposition: disposition)) }
    }

    struct Closure: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录“两断三清”一项。Record one of the two cuts, three clears.")
        @OptionGroup var step: EnterpriseStepOptions
        @Option(help: "water-cut, power-cut, raw-materials-cleared, products-cleared, equipment-cleared") var item: ClosureItem
        func run() throws { try step.take(.closureItemDone, EnterpriseStep(item: item)) }
    }

    struct SignOff: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "signoff", abstract: "部门会审签字。A department signs off an upgrade.")
        @OptionGroup var step: EnterpriseStepOptions
        @Option(help: "部门，如 生态环境。The department.") var department: String
        func run() throws { try step.take(.signedOff, EnterpriseStep(department: department)) }
    }

    struct Relocated: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "搬迁完成。Relocation completed.")
        @OptionGroup var step: EnterpriseStepOptions
        func run() throws { try step.take(.relocated, EnterpriseStep()) }
    }

    struct Resumed: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "升级改造后恢复生产。Production resumed after the upgrade.")
        @OptionGroup var step: EnterpriseStepOptions
        func run() throws { try step.take(.productionResumed, EnterpriseStep()) }
    }

    struct Resurgence: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "发现死灰复燃，重新立案。Found operating again: reopen the case.")
        @OptionGroup var step: EnterpriseStepOptions
        func run() throws { try step.take(.resurgenceFound, EnterpriseStep()) }
    }
}

/// The enterprise a step is about, with a note and photos.
struct EnterpriseStepOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @Argument(help: "企业编号。The enterprise's id.") var id: String
    @OptionGroup var details: NoteOptions

    func take(_ kind: EnterpriseStep.Kind, _ step: EnterpriseStep) throws {
        try common.run { client, texts in
            var step = step
            step.note = details.note
            step.evidence = try client.evidence(photos: details.photos)
            print(texts.enterpriseRecorded(try client.takeEnterpriseStep(kind, on: id, step, now: .now())))
        }
    }
}
