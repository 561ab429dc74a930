import Foundation
import LantianDomain

extension AcceptedEvent {
    /// An event as `PostgresSharedRecord` reads it back: sseq, id, device, cseq, actor, hlc,
    /// recorded_at, subject, type, schema, payload, previous, received_at in binary form; a row
    /// that does not read is named, never trapped on.
    init(postgresRow row: [Data?]) throws {
        func column(_ index: Int) throws -> Data {
            guard index < row.count, let value = row[index] else { throw Self.unreadable("column \(index) is NULL") }
            return value
        }
        func integer(_ index: Int) throws -> Int64 {
            guard let value = PostgresValue.bigint(try column(index)) else { throw Self.unreadable("column \(index) is not a bigint") }
            return value
        }
        func text(_ index: Int) throws -> String {
            guard let value = PostgresValue.text(try column(index)) else { throw Self.unreadable("column \(index) is not UTF-8") }
            return value
        }
        func uuid(_ index: Int) throws -> UUID {
            guard let value = UUID(uuidString: try text(index)) else { throw Self.unreadable("column \(index) is not a UUID") }
            return value
        }
        guard let hlc = HybridTimestamp(packed: try integer(5)), let schema = UInt16(exactly: try integer(9)) else {
            throw Self.unreadable("a clock or schema out of range")
        }
        let event = Event(id: try uuid(1), device: try uuid(2), cseq: try integer(3), actor: try text(4), hlc: hlc,
                          recordedAt: Timestamp(millisecondsSince1970: try integer(6)), subject: try uuid(7),
                          type: EventType(rawValue: try text(8)), schema: schema, payload: try column(10), previous: try column(11))
        self.init(event: event, sseq: try integer(0), receivedAt: Timestamp(millisecondsSince1970: try integer(12)))
    }

    private static func unreadable(_ message: String) -> PostgresError {
        PostgresError(state: nil, message: message, operation: "read event")
    }
}
