import CSV
import Foundation
import LantianDomain

/// Lists written for other programs: CSV for spreadsheets, GeoJSON for maps, Open311 for issue trackers.
public enum Exports {
    /// CSV in UTF-8 with a byte-order mark, so Excel in a Chinese locale opens it correctly.
    public static func csv(header: [String], rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Data([0xEF, 0xBB, 0xBF]) + body + Data("\n".utf8)  // a final newline, as line-based tools expect
    }

    /// Records as CSV (UTF-8 with BOM): one column per key, nested lists joined with `;`, in the
    /// order the record declares its properties, named and written as `columns` says.
    public static func csv<Record: Encodable>(records: [Record], columns: CSVColumns) throws -> Data {
        let objects = try records.map { record -> [String: JSONValue] in
            guard case .object(let fields) = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(record)) else { return [:] }
            return fields
        }
        let keys = Set(objects.flatMap(\.keys))
        let declared = records.first.map { Mirror(reflecting: $0).children.compactMap(\.label) } ?? []
        let order = declared.filter(keys.contains) + keys.subtracting(declared).sorted()
        return try csv(header: order.map(columns.header),
                       rows: objects.map { object in order.map { key in object[key].map { columns.value(key, $0) } ?? "" } })
    }

    /// A GeoJSON FeatureCollection (RFC 7946): WGS 84, positions as `[longitude, latitude]`; items without a location are left out.
    public static func geoJSON(_ features: [(location: GeoPoint?, properties: [String: JSONValue])]) throws -> Data {
        try featureCollection(features.compactMap { feature in feature.location.map { (geometry(of: [$0]), feature.properties) } })
    }

    /// A GeoJSON FeatureCollection of `features`, each a geometry and its properties.
    static func featureCollection(_ features: [(geometry: JSONValue, properties: [String: JSONValue])]) throws -> Data {
        try encode(.object([
            "type": "FeatureCollection",
            "features": .array(features.map { .object(["type": "Feature", "geometry": $0.geometry, "properties": .object($0.properties)]) }),
        ]))
    }

    /// A Point for one position, a LineString through several (`[lon, lat]` each).
    static func geometry(of positions: [GeoPoint]) -> JSONValue {
        let coordinates = positions.map { JSONValue.array([.number($0.longitude), .number($0.latitude)]) }
        return positions.count == 1 ? .object(["type": "Point", "coordinates": coordinates[0]]) : .object(["type": "LineString", "coordinates": .array(coordinates)])
    }

    /// Open311 GeoReport v2 service requests: the workflow's states mapped onto `open`/`closed`,
    /// the detail in `status_notes`; `service_name` is what users call the category (扬尘), its
    /// code stays in `service_code`; `updated_datetime` is the last step, whatever it was;
    /// `media_url` names the latest photo the server holds (`arrived`) as `lantian://SERVER/evidence/SHA256`,
    /// which `lantian evidence get` fetches; the address is the grid's, each level once.
    public static func open311(_ tickets: [Ticket], grid: Grid, arrived: ReceivedAttachments, server: String?) throws -> Data {
        try encode(.array(tickets.map { ticket in
            let report = ticket.report
            var request: [String: JSONValue] = [
                "service_request_id": .string(ticket.id.uuidString.lowercased()),
                "status": .string(ticket.isOpen ? "open" : "closed"),
                "status_notes": .string(ticket.state.rawValue + (ticket.escalations.isEmpty ? "" : "; escalated: " + ticket.escalations.map(\.rawValue).joined(separator: ", "))),
                "service_name": .string(report.category.name(in: .chinese)),
                "service_code": .string(report.category.rawValue),
                "description": .string(report.title + (report.note.isEmpty ? "" : "。" + report.note)),
                "agency_responsible": .string(grid[report.node]?.name ?? report.node),
                "requested_datetime": .string(BeijingTime.iso8601(ticket.reportedAt)),
                "updated_datetime": .string(BeijingTime.iso8601(ticket.history.map(\.at).reduce(ticket.reportedAt, max))),
                "address": .string(grid.address(of: report.node)),
            ]
            if let deadline = ticket.deadline { request["expected_datetime"] = .string(BeijingTime.iso8601(deadline)) }
            if let location = report.location {
                request["lat"] = .number(location.latitude)
                request["long"] = .number(location.longitude)
            }
            let photos = ticket.evidenceTrail.flatMap(\.entry.evidence).filter(arrived.hasArrived)
            if let server, let latest = photos.last { request["media_url"] = .string("lantian://\(server)/evidence/\(latest.sha256)") }
            return .object(request)
        }))
    }

    private static func encode(_ value: JSONValue) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
