import Foundation
import LantianProtocol
import LantianSync

/// Machine-readable output for `--json`: stable keys, times in ISO 8601 with the +08:00 offset.
public enum JSONOutput {
    public static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public struct FirePointRecord: Encodable {
        var id: String, latitude: Double, longitude: Double, observedAt: String, note: String
        var reportedBy: String, device: String

        public init(_ point: FirePoint) {
            id = point.id.uuidString.lowercased()
            latitude = point.location.latitude
            longitude = point.location.longitude
            observedAt = BeijingTime.iso8601(point.observedAt)
            note = point.note
            reportedBy = point.reportedBy
            device = point.reportedFrom.uuidString.lowercased()
        }
    }

    public struct StatusRecord: Encodable {
        var device: String, user: String, server: String?, pending: Int, events: Int
        var lastSyncAt: String?, cursor: Int64, serverEpoch: String?, reachable: Bool?, unreachableReason: String?

        public init(_ status: Status) {
            device = status.device.id.uuidString.lowercased()
            user = status.device.actor
            server = status.device.server
            pending = status.pending
            events = status.eventCount
            lastSyncAt = status.sync.lastSyncAt.map(BeijingTime.iso8601)
            cursor = status.sync.cursor
            serverEpoch = status.sync.serverEpoch?.uuidString.lowercased()
            switch status.reachability {
            case .reachable?: reachable = true
            case .unreachable(let error)?:
                reachable = false
                unreachableReason = "\(error)"
            case nil: reachable = nil
            }
        }
    }

    public struct SyncRecord: Encodable {
        var pushed: Int, pulled: Int, cursor: Int64?, serverEpoch: String?

        public init(_ report: SyncReport) {
            pushed = report.pushed
            pulled = report.pulled
            cursor = report.cursor
            serverEpoch = report.serverEpoch?.uuidString.lowercased()
        }
    }
}
