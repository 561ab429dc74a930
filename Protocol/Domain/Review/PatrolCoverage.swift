import Foundation

/// Patrol coverage (定点、定时、定人、定责 made checkable, seed 000 §19, seed 003 §(九)): for every
/// cell of a node, the slot-days its seasons required in a month against those a patrol in the
/// cell covered, the patrols and hours walked, and fixed points a patrol passed without checking in;
/// the cells nobody walked; each officer's patrols and hours. A slot-day counts once its time has
/// passed (by `asOf`): this evening is not missed at noon. While a heavy-pollution alert is in force
/// over a cell, every clock slot is required there, season or not (seed 000 §19: 重污染天气期间…驻村驻点).
public struct PatrolCoverage: Hashable, Sendable {
    public struct Cell: Hashable, Sendable {
        public var node: String
        public var name: String
        /// The township the cell lies in.
        public var township: String
        public var townshipName: String
        /// Slot-days the seasons required, and of those, the ones a patrol covered.
        public var required = 0
        public var done = 0
        public var patrols = 0
        public var hours = 0.0
        /// Fixed points of the cell a patrol did not check in at, summed over its patrols.
        public var missedCheckIns = 0
        public var rate: Double? { required == 0 ? nil : Double(done) / Double(required) }
    }

    /// A township's cells added up.
    public struct Township: Hashable, Sendable {
        public var node: String
        public var name: String
        public var cells = 0
        public var cellsNotPatrolled = 0
        public var required = 0
        public var done = 0
        public var patrols = 0
        public var hours = 0.0
        public var rate: Double? { required == 0 ? nil : Double(done) / Double(required) }
    }

    public struct Officer: Hashable, Sendable {
        public var name: String
        public var patrols = 0
        public var hours = 0.0
    }

    /// Slot-days required and covered.
    public struct Figure: Hashable, Sendable {
        public var required = 0
        public var done = 0
    }

    public var month: ReviewMonth
    /// Every cell of the node (not retired), in code order.
    public var cells: [Cell]
    public var townships: [Township]
    public var officers: [Officer]
    /// Required and covered slot-days, by slot.
    public var bySlot: [RiskySlot: Figure]

    /// The cells no patrol walked in the month.
    public var notPatrolled: [Cell] { cells.filter { $0.patrols == 0 } }

    public init(patrols: Patrols, grid: Grid, within node: String, month: ReviewMonth, asOf: Timestamp, alerts: [Alert] = []) {
        self.month = month
        let end = min(month.end, asOf)
        let inMonth = patrols.patrols.values.filter { $0.startedAt < end && $0.lastSeen >= month.start }
        let byCell = Dictionary(grouping: inMonth, by: \.node)
        var bySlot: [RiskySlot: Figure] = [:]
        cells = grid.nodes.values.filter { $0.level == .cell && !$0.isRetired && grid.node($0.code, isWithin: node) }
            .sorted { $0.code < $1.code }
            .map { node in
                let township = grid.township(of: node.code)
                var cell = Cell(node: node.code, name: node.name, township: township.code, townshipName: township.name)
                let walked = byCell[node.code] ?? []
                cell.patrols = walked.count
                cell.hours = walked.reduce(0) { $0 + $1.hours }
                let points = patrols.points(of: node.code)
                cell.missedCheckIns = walked.reduce(0) { sum, patrol in
                    sum + points.filter { $0.definedAt <= patrol.startedAt && !patrol.checkedIn(at: $0) }.count
                }
                let seasons = patrols.seasons(for: node.code, grid: grid)
                let alertsOver = alerts.filter { grid.node(node.code, isWithin: $0.node) }
                var day = month.start
                while day < end {
                    let civil = BeijingTime.civil(day)
                    let slots = Set(seasons.filter { $0.contains(month: civil.month, day: civil.day) }.flatMap(\.slots))
                    for slot in RiskySlot.allCases {
                        guard let window = slot.window(onDayStarting: day), window.upperBound <= asOf,
                              slots.contains(slot) || alertsOver.contains(where: { $0.period.overlaps(window) }) else { continue }
                        let covered = walked.contains { $0.covers(window) }
                        cell.required += 1
                        if covered { cell.done += 1 }
                        bySlot[slot, default: Figure()].required += 1
                        if covered { bySlot[slot, default: Figure()].done += 1 }
                    }
                    day = day.adding(milliseconds: 86_400_000)
                }
                return cell
            }
        self.bySlot = bySlot
        var townships: [String: Township] = [:]
        for cell in cells {
            var township = townships[cell.township] ?? Township(node: cell.township, name: cell.townshipName)
            township.cells += 1
            if cell.patrols == 0 { township.cellsNotPatrolled += 1 }
            township.required += cell.required
            township.done += cell.done
            township.patrols += cell.patrols
            township.hours += cell.hours
            townships[cell.township] = township
        }
        self.townships = townships.values.sorted { $0.node < $1.node }
        let counted = Set(cells.map(\.node))
        var officers: [String: Officer] = [:]
        for patrol in inMonth where counted.contains(patrol.node) {
            officers[patrol.officer, default: Officer(name: patrol.officer)].patrols += 1
            officers[patrol.officer]?.hours += patrol.hours
        }
        self.officers = officers.values.sorted { $0.name < $1.name }
    }
}
