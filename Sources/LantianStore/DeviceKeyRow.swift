import Foundation
import GRDB
import LantianDomain

/// A row of the `device_key` read model: one enrolled device, its key, and its revocation.
struct DeviceKeyRow {
    static let databaseTableName = "device_key"

    enum Columns: String, ColumnExpression, CaseIterable {
        case device, user, publicKey, credential, enrolledAt, revokedAt, revocationReason
    }

    var device: DeviceKeys.Device

    init(_ device: DeviceKeys.Device) { self.device = device }

    /// Reads a row; one that does not hold a device (a damaged store) throws ``StoreError/damaged(_:)``.
    init(row: Row) throws {
        do {
            let enrolment = try DeviceEnrolled(device: try row.decode(forColumn: Columns.device), user: try row.decode(forColumn: Columns.user),
                                               publicKey: try row.decode(forColumn: Columns.publicKey),
                                               credential: try row.decode(forColumn: Columns.credential))
            let revokedAt: Int64? = try row.decode(forColumn: Columns.revokedAt)
            device = DeviceKeys.Device(
                enrolment: enrolment, enrolledAt: Timestamp(millisecondsSince1970: try row.decode(forColumn: Columns.enrolledAt)),
                revocation: try revokedAt.map { DeviceKeys.Revocation(at: Timestamp(millisecondsSince1970: $0),
                                                                      reason: try row.decode(forColumn: Columns.revocationReason) ?? "") })
        } catch {
            throw StoreError.damaged("a device key row cannot be read (\(error)): run lantian rebuild")
        }
    }

    /// Inserts the row, or replaces the row of the same device.
    func save(_ db: Database) throws {
        let enrolment = device.enrolment
        try db.cachedStatement(sql: Self.saveSQL).execute(arguments: [
            enrolment.device, enrolment.user, enrolment.publicKey, enrolment.credential, device.enrolledAt.millisecondsSince1970,
            device.revocation?.at.millisecondsSince1970, device.revocation?.reason,
        ])
    }

    private static let saveSQL = """
        INSERT OR REPLACE INTO device_key (\(Columns.allCases.map(\.name).joined(separator: ", ")))
        VALUES (\(databaseQuestionMarks(count: Columns.allCases.count)))
        """
}
