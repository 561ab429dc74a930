import Foundation

/// An administrator registered a user, or changed their role or scope; the latest registration counts.
///
/// The subject is the user's id, ``UserRegistered/subject(for:)``.
public struct UserRegistered: EventPayload, Hashable {
    public static let eventType: EventType = "user.registered"
    public static let schema: UInt16 = 1

    public var name: String
    public var role: Role
    /// The grid node (by code) the user answers for.
    public var scope: String

    /// The subject of every event that registers the user `name`.
    public static func subject(for name: String) -> UUID { .version5(name: "user:\(name)") }

    public init(name: String, role: Role, scope: String) {
        self.name = name
        self.role = role
        self.scope = scope
    }
}

extension UserRegistered {
    public static let definition = EventDefinition(
        UserRegistered.self, chinese: "用户登记", english: "user registered", recorders: .server, subject: .defines,
        example: UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: "371502001001"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(name, "user", max: 256, required: true)
        try Check.code(scope, "scope")
    }

    public func placement(of event: Event) -> PlacementClaim { .everyone }
}
