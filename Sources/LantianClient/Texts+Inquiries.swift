import Foundation
import LantianDomain

/// 一案双查 in words.
extension Texts {
    public func inquiryOpened(_ id: UUID) -> String {
        say("已立案一案双查（编号 \(short(id))）：仅督导可见；记录调查情况：lantian inquiry finding \(short(id)) --note …；结案：lantian inquiry conclude \(short(id)) --outcome fulfilled|neglected",
            "Inquiry opened (\(short(id))), seen by supervisors only; findings: lantian inquiry finding \(short(id)) --note …; conclude: lantian inquiry conclude \(short(id)) --outcome fulfilled|neglected")
    }

    public func inquiryStepRecorded(_ inquiry: Inquiries.Inquiry) -> String {
        guard let outcome = inquiry.outcome else {
            return say("已记录调查情况（第 \(inquiry.findings.count) 条）", "Finding recorded (\(inquiry.findings.count) so far)")
        }
        return outcome == .neglected
            ? say("已结案：失职，责任人 \(inquiry.responsible ?? "—")；计入当月乡镇考核（扣 \(Int(TownshipAssessment.neglectPenalty)) 分）",
                  "Concluded: duty neglected, by \(inquiry.responsible ?? "—"); counted in the township's assessment for the month (−\(Int(TownshipAssessment.neglectPenalty)))")
            : say("已结案：履职到位", "Concluded: duty fulfilled")
    }

    public func inquiryTable(_ inquiries: Inquiries, names: [String: String]) -> String {
        let all = inquiries.inquiries.values.sorted { ($0.openedAt, $0.id.uuidString) > ($1.openedAt, $1.id.uuidString) }
        if all.isEmpty { return say("暂无一案双查", "No inquiry") }
        return TextTable(header: [say("编号", "Id"), say("立案", "Opened"), say("被调查单位", "Office"), say("被调查人", "Person"), say("调查", "Findings"),
                                  say("结论", "Outcome"), say("原因", "Reason")],
                         rows: all.map { inquiry in
                             [short(inquiry.id), BeijingTime.format(inquiry.openedAt), names[inquiry.opening.node] ?? inquiry.opening.node, inquiry.opening.person ?? "—",
                              "\(inquiry.findings.count)",
                              inquiry.outcome.map { $0.name(in: language) + (inquiry.responsible.map { "（\($0)）" } ?? "") } ?? say("调查中", "open"),
                              inquiry.opening.reason]
                         }, droppable: [4, 1, 3], overflow: .truncate).rendered(width: columns)
    }
}
