import LantianDomain

/// A plain-text table for narrow terminals, aligned by display width (a Chinese character is two
/// columns, ``DisplayWidth``). Wider than the terminal, it leaves out the columns that matter least
/// (``droppable``, the first to go first), then fits its last column: cut with "…" or wrapped
/// within the column, as ``overflow`` says. A table printed to a pipe or file is whole.
///
/// ```swift
/// print(TextTable(header: ["时间", "位置"], rows: [["06-01 19:30", "36.45,115.98"]]).rendered(width: 60))
/// ```
public struct TextTable: Sendable {
    public enum Overflow: Sendable {
        /// Cut each cell to the room left, ending in "…" (a title: `issue show` has it whole).
        case truncate
        /// Wrap each cell within its column (a reason, which must be read whole).
        case wrap
    }

    public var header: [String]
    public var rows: [[String]]
    public var droppable: [Int]
    public var overflow: Overflow

    public init(header: [String], rows: [[String]], droppable: [Int] = [], overflow: Overflow = .wrap) {
        self.header = header
        self.rows = rows
        self.droppable = droppable
        self.overflow = overflow
    }

    /// The table as a terminal `width` columns wide shows it (`nil`: no limit).
    public func rendered(width: Int?) -> String {
        var columns = Array(header.indices)
        func widths() -> [Int] { columns.map { column in ([header] + rows).map { DisplayWidth.of($0[column]) }.max() ?? 0 } }
        func total(_ widths: [Int]) -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        // Columns go until the rest fits with the last column at least `minimumLastWidth` wide (or whole).
        func needed(_ widths: [Int]) -> Int { total(widths) - (widths.last ?? 0) + min(widths.last ?? 0, Self.minimumLastWidth) }
        var toDrop = droppable[...]
        while let width, needed(widths()) > width, let next = toDrop.popFirst() { columns.removeAll { $0 == next } }
        var widths = widths()
        // The last column takes what room is left, if the rest fits with room for a few characters.
        if let width, total(widths) > width, let last = widths.indices.last {
            let room = width - (total(widths) - widths[last])
            if room >= 8 { widths[last] = room }
        }
        func lines(_ cells: [String]) -> [String] {
            let cells = columns.map { cells[$0] }
            guard let lastCell = cells.last else { return [] }
            let start = total(Array(widths.dropLast())) + (widths.count > 1 ? 2 : 0)
            var pieces = [lastCell]
            if DisplayWidth.of(lastCell) > widths[widths.count - 1] {
                switch overflow {
                case .truncate: pieces = [DisplayWidth.truncate(lastCell, to: widths[widths.count - 1])]
                case .wrap: pieces = DisplayWidth.wrap(lastCell, to: widths[widths.count - 1])
                }
            }
            let first = zip(cells.dropLast(), widths).map { cell, width in cell + String(repeating: " ", count: max(0, width - DisplayWidth.of(cell))) }
                + [pieces[0]]
            return [first.joined(separator: "  ").trimmingTrailingSpaces()]
                + pieces.dropFirst().map { String(repeating: " ", count: start) + $0.drop { $0 == " " } }
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return (lines(header) + [rule] + rows.flatMap(lines)).joined(separator: "\n")
    }

    /// The fewest columns the last column is given before other columns are left out: 8 Chinese characters.
    static let minimumLastWidth = 16

    /// The whole table, for a pipe or a file.
    public var rendered: String { rendered(width: nil) }
}
