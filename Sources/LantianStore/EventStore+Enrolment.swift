import Foundation
import GRDB
import LantianDomain
import LantianWire

/// Why an enrolment code cannot enrol a device.
public enum EnrolmentRefusal: Hashable, Sendable, CustomStringConvertible {
    case unknownCode
    case used(at: Timestamp)
    case expired(at: Timestamp)
    /// The user the code was issued for is no longer registered.
    case unknownUser(String)
    /// The device id is enrolled already, with another key.
    case deviceTaken(UUID)

    public var description: String { message(in: .english) }
}

extension EnrolmentRefusal: PeerError {
    public var wireCode: ErrorCode { .enrolmentRefused }
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .unknownCode:
            return say("此入网码在服务器上不存在：核对入网码，或向管理员索取新的（lantiand enroll 用户名）",
                       "this enrolment code is not known here: check it, or ask your administrator for a new one (lantiand enroll USER)")
        case .used(let at):
            return say("此入网码已于 \(BeijingTime.format(at)) 使用过：每个入网码只能让一台设备入网，请向管理员索取新的",
                       "this enrolment code was already used (\(BeijingTime.format(at))): each code enrols one device; ask your administrator for a new one")
        case .expired(let at):
            return say("此入网码已于 \(BeijingTime.format(at)) 过期：请向管理员索取新的",
                       "this enrolment code expired at \(BeijingTime.format(at)): ask your administrator for a new one")
        case .unknownUser(let user):
            return say("入网码签发给 \(user)，但该用户已不在登记中：请联系管理员",
                       "the code was issued for \(user), who is no longer registered: ask your administrator")
        case .deviceTaken(let device):
            return say("设备 \(device.shortID) 已用另一把密钥入网：请用新的数据文件入网",
                       "device \(device.uuidString.lowercased()) is already enrolled with another key: enrol from a new store")
        }
    }
}

extension EventStore {
    /// Issues a one-time code that enrols one device for `user` until `expiresAt`. Only the code's
    /// digest is stored: the code itself is shown once, to the administrator.
    public func issueEnrolmentCode(for user: String, now: Timestamp, expiresAt: Timestamp) throws -> EnrolmentCode {
        let code = EnrolmentCode.random()
        try write { db in
            try db.execute(sql: "INSERT INTO enrolment_code (digest, user, issuedAt, expiresAt) VALUES (?, ?, ?, ?)",
                           arguments: [code.digest, user, now.millisecondsSince1970, expiresAt.millisecondsSince1970])
        }
        return code
    }

    /// Redeems `code` for `enrolment`'s device and records its enrolment as an event of the server
    /// (signed with `key`), all in one transaction. Enrolling the same device with the same key
    /// and code again (its answer was lost) changes nothing and succeeds. The code's user must be registered.
    ///
    /// - Returns: the user the device is now enrolled for.
    public func enrol(_ enrolment: Enrolment, code: EnrolmentCode, server: ServerIdentity, now: Timestamp) throws -> String {
        let outcome: Result<String, EnrolmentRefusal> = try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT user, expiresAt, usedAt, device FROM enrolment_code WHERE digest = ?",
                                             arguments: [code.digest]) else { return .failure(.unknownCode) }
            let user: String = try row.decode(forColumn: "user")
            let enrolled = try Self.enrolment(db, of: enrolment.device)
            if let usedAt = try row.decode(forColumn: "usedAt") as Int64? {
                let again = (try row.decode(forColumn: "device") as UUID?) == enrolment.device && enrolled?.publicKey == enrolment.publicKey
                return again ? .success(user) : .failure(.used(at: Timestamp(millisecondsSince1970: usedAt)))
            }
            let expiresAt = Timestamp(millisecondsSince1970: try row.decode(forColumn: "expiresAt"))
            guard now < expiresAt else { return .failure(.expired(at: expiresAt)) }
            guard try String.fetchOne(db, sql: "SELECT node FROM subject_node WHERE subject = ?",
                                      arguments: [UserRegistered.subject(for: user)]) != nil else { return .failure(.unknownUser(user)) }
            guard enrolled == nil else { return .failure(.deviceTaken(enrolment.device)) }
            try db.execute(sql: "UPDATE enrolment_code SET usedAt = ?, device = ? WHERE digest = ?",
                           arguments: [now.millisecondsSince1970, enrolment.device, code.digest])
            let payload = try DeviceEnrolled(device: enrolment.device, user: user, publicKey: enrolment.publicKey)
            try Self.recordAccepted(db, [try EventDraft(subject: enrolment.device, payload: payload)], as: server, now: now)
            return .success(user)
        }
        return try outcome.get()
    }

    /// The enrolment of `device`, if it was enrolled here.
    static func enrolment(_ db: Database, of device: UUID) throws -> DeviceEnrolled? {
        try Row.fetchAll(db, sql: "SELECT \(Event.columns) FROM event WHERE subject = ? AND type = ? ORDER BY sseq",
                         arguments: [device, DeviceEnrolled.eventType.rawValue])
            .compactMap { try? PayloadCodec.decode(DeviceEnrolled.self, from: try Event(row: $0)) }.last
    }
}
