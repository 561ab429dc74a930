import Foundation
import LantianDomain

/// Patrols in words: what a start, a check-in and an end say, the lists, and the coverage review.
extension Texts {
    public func patrolStarted(_ patrol: Patrol, names: [String: String]) -> String {
        say("巡查已开始：\(names[patrol.node] ?? patrol.node)，\(BeijingTime.format(patrol.startedAt))（编号 \(short(patrol.id))）。定点打卡：lantian patrol checkin --here [--point 定点]；结束：lantian patrol end",
            "Patrol started: \(names[patrol.node] ?? patrol.node), \(BeijingTime.format(patrol.startedAt)) (\(short(patrol.id))). Check in: lantian patrol checkin --here [--point NAME]; end: lantian patrol end")
    }

    public func patrolCheckedIn(_ patrol: Patrol, points: [PatrolPoint]) -> String {
        let last = patrol.checkIns.last
        let point = last?.point.flatMap { id in points.first { $0.id == id } }
        return say("已打卡\(point.map { "：定点“\($0.name)”" } ?? "")，本次巡查第 \(patrol.checkIns.count) 次",
                   "Checked in\(point.map { " at \($0.name)" } ?? ""): check-in \(patrol.checkIns.count) of this patrol")
    }

    public func patrolEnded(_ patrol: Patrol, finds: Int) -> String {
        say("巡查已结束：用时 \(hours(patrol.hours)) 小时，打卡 \(patrol.checkIns.count) 次，期间上报问题 \(finds) 个。没有发现问题的巡查同样计入覆盖。",
            "Patrol ended: \(hours(patrol.hours)) h, \(patrol.checkIns.count) check-in(s), \(finds) issue(s) reported during it. A patrol that found nothing counts towards coverage too.")
    }

    public func patrolPointDefined(_ name: String, id: UUID) -> String {
        say("已设定巡查定点“\(name)”（编号 \(short(id))）", "Patrol point \(name) defined (\(short(id)))")
    }

    public func patrolPointTable(_ points: [PatrolPoint], names: [String: String]) -> String {
        if points.isEmpty { return say("暂无巡查定点：乡镇人员用 lantian patrol point 设定", "No patrol points yet: township staff define them with lantian patrol point") }
        return TextTable(header: [say("编号", "Id"), say("网格", "Cell"), say("名称", "Name"), say("位置", "Location")],
                         rows: points.map { [short($0.id), names[$0.node] ?? $0.node, $0.name, place($0.location)] }, droppable: [3])
            .rendered(width: columns)
    }

    public func patrolTable(_ patrols: [Patrol], finds: [UUID: Int], names: [String: String]) -> String {
        if patrols.isEmpty { return say("本期没有巡查记录", "No patrols in the period") }
        let rows = patrols.map { patrol in
            [short(patrol.id), BeijingTime.format(patrol.startedAt), patrol.endedAt.map(BeijingTime.format) ?? say("进行中", "under way"),
             names[patrol.node] ?? patrol.node, patrol.officer, hours(patrol.hours), "\(patrol.checkIns.count)", "\(finds[patrol.id] ?? 0)"]
        }
        return TextTable(header: [say("编号", "Id"), say("开始", "Started"), say("结束", "Ended"), say("网格", "Cell"), say("网格员", "Officer"),
                                  say("小时", "Hours"), say("打卡", "Check-ins"), say("发现", "Found")],
                         rows: rows, droppable: [5, 6, 2], overflow: .truncate).rendered(width: columns)
            + "\n" + say("共 \(patrols.count) 次巡查", "\(patrols.count) patrol(s)")
    }

    /// The coverage review: townships, then the cells nobody walked, then each cell, then officers.
    public func patrolCoverageTable(_ coverage: PatrolCoverage) -> String {
        if coverage.cells.isEmpty { return say("该范围内没有网格", "There is no cell in that node") }
        var lines = [say("\(coverage.month) 巡查覆盖（应巡时段以巡查季节为准：收工时 17–20 时、上半夜 20–24 时）",
                         "Patrol coverage, \(coverage.month) (slots required by the patrol seasons: after work 17–20 h, first half of the night 20–24 h)")]
        lines.append(TextTable(header: [say("乡镇（街道）", "Township"), say("网格", "Cells"), say("未巡网格", "Not walked"), say("应巡时段", "Required"),
                                        say("已巡时段", "Covered"), say("覆盖率", "Rate"), say("巡查次数", "Patrols"), say("小时", "Hours")],
                               rows: coverage.townships.map { [$0.name, "\($0.cells)", "\($0.cellsNotPatrolled)", "\($0.required)", "\($0.done)",
                                                               percent($0.rate), "\($0.patrols)", hours($0.hours)] }).rendered(width: columns))
        for slot in RiskySlot.allCases {
            guard let figure = coverage.bySlot[slot] else { continue }
            lines.append(say("\(slot.name(in: language))：应巡 \(figure.required) 个时段，已巡 \(figure.done) 个",
                             "\(slot.name(in: language)): \(figure.done) of \(figure.required) slot-days covered"))
        }
        let notWalked = coverage.notPatrolled
        lines.append(notWalked.isEmpty ? say("本期每个网格都有巡查记录。", "Every cell was patrolled in the period.")
                     : say("本期无人巡查的网格（\(notWalked.count) 个）：", "Cells nobody patrolled (\(notWalked.count)): ")
                        + notWalked.map(\.name).joined(separator: say("、", ", ")))
        lines.append(TextTable(header: [say("网格", "Cell"), say("应巡", "Required"), say("已巡", "Covered"), say("覆盖率", "Rate"),
                                        say("巡查次数", "Patrols"), say("小时", "Hours"), say("漏打卡", "Missed points")],
                               rows: coverage.cells.map { [$0.name, "\($0.required)", "\($0.done)", percent($0.rate), "\($0.patrols)", hours($0.hours), "\($0.missedCheckIns)"] },
                               droppable: [6, 5]).rendered(width: columns))
        if !coverage.officers.isEmpty {
            lines.append(TextTable(header: [say("网格员", "Officer"), say("巡查次数", "Patrols"), say("小时", "Hours")],
                                   rows: coverage.officers.map { [$0.name, "\($0.patrols)", hours($0.hours)] }).rendered(width: columns))
        }
        return lines.joined(separator: "\n")
    }

    private func hours(_ value: Double) -> String { String(format: "%.1f", value) }

}
