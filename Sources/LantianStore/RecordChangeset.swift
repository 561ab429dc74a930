import Foundation
import GRDB
import LantianDomain
import LantianFraming

/// One write transaction's changes to a server's record (``SharedRecord``): the rows it inserted,
/// updated or deleted in the tables that are the record (events, quarantine, chains, placement,
/// blobs, enrolment codes, the server's identity), and the events it accepted, which the shared
/// record also keeps as rows of their own.
public struct RecordChangeset: Sendable {
    /// Its place in the record's order, from 1.
    public var position: Int64
    /// The changed rows, encoded (``encodedRows``); opaque to the shared record.
    public var rows: Data
    /// The events this transaction accepted, with their global sequence numbers.
    public var events: [AcceptedEvent]

    public init(position: Int64, rows: Data, events: [AcceptedEvent]) {
        self.position = position
        self.rows = rows
        self.events = events
    }

    /// One changed row.
    struct Row: Equatable {
        enum Change: UInt8 { case insert = 1, update = 2, delete = 3 }
        var table: String
        var change: Change
        /// The row's rowid (`nil` in a table without one: those rows are only ever inserted).
        var rowid: Int64?
        var columns: [String]
        var values: [DatabaseValue]
    }

    /// The most bytes one field of a row may take when read back (a blob chunk is far smaller).
    static let maxFieldBytes = 64 << 20

    static func encode(_ rows: [Row]) -> Data {
        var writer = ByteWriter(capacity: 256 * rows.count)
        writer.write(fixed: Data("LTR1".utf8))
        writer.write(rows) { writer, row in
            writer.write(row.table)
            writer.write(row.change.rawValue)
            writer.write(row.rowid == nil ? UInt8(0) : 1)
            writer.write(row.rowid ?? 0)
            writer.write(row.columns) { $0.write($1) }
            writer.write(row.values) { writer, value in
                switch value.storage {
                case .null: writer.write(UInt8(0))
                case .int64(let integer): writer.write(UInt8(1)); writer.write(integer)
                case .double(let double): writer.write(UInt8(2)); writer.write(Int64(bitPattern: double.bitPattern))
                case .string(let string): writer.write(UInt8(3)); writer.write(string)
                case .blob(let data): writer.write(UInt8(4)); writer.write(data)
                }
            }
        }
        return Data(writer.bytes)
    }

    /// The rows of ``rows``: bytes that do not read as rows (damaged in the shared record, or written
    /// by another program) throw, and nothing is applied.
    func decodedRows() throws(WireFormatError) -> [Row] {
        var reader = ByteReader(Array(rows))
        guard try reader.take(4, "changeset magic").elementsEqual("LTR1".utf8) else { throw .outOfRange(field: "changeset magic", value: 0) }
        let decoded = try reader.readArray("changeset rows", max: .max, minElementBytes: 18) { (reader: inout ByteReader) throws(WireFormatError) -> Row in
            let table = try reader.readString("table", maxBytes: 64)
            let rawChange = try reader.readUInt8("change")
            guard let change = Row.Change(rawValue: rawChange) else { throw .outOfRange(field: "change", value: Int64(rawChange)) }
            let hasRowid = try reader.readUInt8("has rowid") == 1
            let rowid = try reader.readInt64("rowid")
            let columns = try reader.readArray("columns", max: 64, minElementBytes: 4) { (reader: inout ByteReader) throws(WireFormatError) in
                try reader.readString("column", maxBytes: 64)
            }
            let values = try reader.readArray("values", max: 64, minElementBytes: 1) { (reader: inout ByteReader) throws(WireFormatError) -> DatabaseValue in
                switch try reader.readUInt8("value type") {
                case 0: return .null
                case 1: return try reader.readInt64("integer").databaseValue
                case 2: return Double(bitPattern: UInt64(bitPattern: try reader.readInt64("real"))).databaseValue
                case 3: return try reader.readString("text", maxBytes: Self.maxFieldBytes).databaseValue
                case 4: return try reader.readData("blob", maxBytes: Self.maxFieldBytes).databaseValue
                case let other: throw .outOfRange(field: "value type", value: Int64(other))
                }
            }
            guard values.count == columns.count else { throw .outOfRange(field: "values", value: Int64(values.count)) }
            return Row(table: table, change: change, rowid: hasRowid ? rowid : nil, columns: columns, values: values)
        }
        try reader.expectEnd()
        return decoded
    }
}
