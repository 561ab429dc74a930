import Foundation
import LantianFiles
import LantianDomain
import LantianWire
import LantianStore
import LantianTransport
import LantianSync

/// What an administrator does on the server: users and grid nodes (each an event of the server's
/// own device, signed and accepted at once, so clients receive it on their next sync), enrolment
/// codes, revoking devices, and re-checking the store's chains and signatures.
///
/// ```swift
/// let admin = try Administration(databasePath: "server.sqlite")
/// try admin.defineNode(code: "371502", name: "东昌府区", level: .county, parent: "371500")
/// try admin.addUser(name: "officer.zhang", role: .gridOfficer, scope: "371502001001")
/// ```
public struct Administration {
    private let store: EventStore
    private let server: ServerIdentity

    public init(location: StoreLocation, actor: String = "admin") throws {
        store = try location.open()
        server = try ServerIdentity.of(store).acting(as: actor)
    }

    public init(databasePath: String, actor: String = "admin") throws {
        try self.init(location: StoreLocation(db: databasePath), actor: actor)
    }

    /// Defines a grid node, or renames it. Its parent must exist one level up (only a city has none).
    @discardableResult
    public func defineNode(code: String, name: String, level: GridLevel, parent: String?, boundary: GeoBoundary? = nil,
                           now: Timestamp = .now()) throws -> Event {
        guard !code.isEmpty, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw AdministrationError.badCode(code)
        }
        let grid = try store.grid()
        if let parent {
            guard let parentNode = grid[parent] else { throw AdministrationError.unknownNode(parent) }
            guard parentNode.level.below == level else {
                throw AdministrationError.wrongLevel(node: code, level: level, parent: parent, parentLevel: parentNode.level)
            }
        } else if level != .city {
            throw AdministrationError.parentRequired(code, level)
        }
        let node = GridNodeDefined(code: code, name: name, level: level, parent: parent, boundary: boundary)
        return try record(try EventDraft(subject: GridNodeDefined.subject(for: code), payload: node), now: now)
    }

    /// Registers a user with a role and a scope, or changes them; the scope must be a grid node.
    @discardableResult
    public func addUser(name: String, role: Role, scope: String, now: Timestamp = .now()) throws -> Event {
        guard !name.isEmpty, name.utf8.count <= MessageCodec.FieldLimit.actorBytes else { throw AdministrationError.badUserName(name) }
        guard try store.grid()[scope] != nil else { throw AdministrationError.unknownNode(scope) }
        let user = UserRegistered(name: name, role: role, scope: scope)
        return try record(try EventDraft(subject: UserRegistered.subject(for: name), payload: user), now: now)
    }

    /// Imports a grid from files: defines every node that is new or differs from the grid held, and
    /// nothing else, so importing the same files again records nothing. All in one transaction.
    @discardableResult
    public func importGrid(_ files: GridFiles, now: Timestamp = .now()) throws -> GridImportReport {
        let wanted = try files.nodes()
        let held = try store.grid()
        let changed = wanted.filter { held[$0.code] != $0 }
        // The files are the grid: a node they no longer hold is retired (撤销), kept for the records in it.
        let codes = Set(wanted.map(\.code))
        let retired = held.nodes.values.filter { !codes.contains($0.code) && !$0.isRetired }.map { node in
            var retired = node
            retired.retired = true
            return retired
        }.sorted { $0.code < $1.code }
        let drafts = try (changed + retired).map { try EventDraft(subject: GridNodeDefined.subject(for: $0.code), payload: $0) }
        if !drafts.isEmpty { _ = try record(drafts, now: now) }
        return GridImportReport(defined: changed.map(\.code), unchanged: wanted.count - changed.count,
                                levels: Dictionary(grouping: wanted, by: \.level).mapValues(\.count), retired: retired.map(\.code))
    }

    /// Sets local configuration for `node` and everything below it: the dust-site checklist, the
    /// monitoring threshold, a year's dust-fall limit, the departments that sign off upgrades, or
    /// the seasons patrols are required in.
    @discardableResult
    public func configure(_ setting: LocalSetting, node: String, now: Timestamp = .now()) throws -> Event {
        guard try store.grid()[node] != nil else { throw AdministrationError.unknownNode(node) }
        let subject = UUID.version5(name: "setting:\(setting.name):\(node)")
        switch setting {
        case .checklist(let items):
            guard !items.isEmpty else { throw AdministrationError.emptySetting(setting.name) }
            return try record(try EventDraft(subject: subject, payload: DustChecklistDefined(node: node, items: items)), now: now)
        case .monitoringThreshold(let squareMetres):
            guard squareMetres.isFinite, squareMetres > 0 else { throw AdministrationError.emptySetting(setting.name) }
            return try record(try EventDraft(subject: subject, payload: DustMonitoringThresholdSet(node: node, squareMetres: squareMetres)), now: now)
        case .dustfallLimit(let year, let limit):
            guard limit.isFinite, limit > 0, (2000...2100).contains(year) else { throw AdministrationError.emptySetting(setting.name) }
            return try record(try EventDraft(subject: subject, payload: DustfallLimitSet(node: node, year: year, limit: limit)), now: now)
        case .signOffDepartments(let departments):
            guard !departments.isEmpty else { throw AdministrationError.emptySetting(setting.name) }
            return try record(try EventDraft(subject: subject, payload: SignOffDepartmentsDefined(node: node, departments: departments)), now: now)
        case .patrolSeasons(let seasons):
            return try record(try EventDraft(subject: subject, payload: PatrolSeasonsDefined(node: node, seasons: seasons)), now: now)
        case .airTarget(var target):
            target.node = node
            let subject = UUID.version5(name: "setting:\(setting.name):\(node):\(target.season)")
            return try record(try EventDraft(subject: subject, payload: target), now: now)
        case .assessment(let year, let scheme):
            let subject = UUID.version5(name: "setting:\(setting.name):\(node):\(year)")
            return try record(try EventDraft(subject: subject, payload: AssessmentSchemeDefined(node: node, year: year, scheme: scheme)), now: now)
        }
    }

    private func record(_ draft: EventDraft, now: Timestamp) throws -> Event {
        try record([draft], now: now)[0]
    }

    private func record(_ drafts: [EventDraft], now: Timestamp) throws -> [Event] {
        try store.recordAccepted(drafts, as: server, now: now)
    }

    // MARK: Devices

    /// Issues a one-time code that enrols one device for `user`, valid for `hours`, carrying the
    /// pin of the server's TLS key: the self-made one next to the store (made now if the server
    /// has not started yet), or the one `certificate` names (a deployment's own certificate).
    public func issueEnrolmentCode(for user: String, hours: Int, certificate: String? = nil,
                                   now: Timestamp = .now()) throws -> (code: EnrolmentCode, expiresAt: Timestamp) {
        guard try store.user(named: user) != nil else { throw AdministrationError.unknownUser(user) }
        guard (1...24 * 30).contains(hours) else { throw AdministrationError.badValidity(hours) }
        let fingerprint: KeyFingerprint
        do {
            fingerprint = try certificate.map { try KeyFingerprint(certificateAt: $0) } ?? ServerTLSFiles(store: store.path).current().fingerprint
        } catch let failure as TLSFailure {
            throw AdministrationError.tls(failure)
        }
        let expiresAt = Timestamp(millisecondsSince1970: now.millisecondsSince1970 + Int64(hours) * 3_600_000)
        let code = try store.issueEnrolmentCode(for: user, now: now, expiresAt: expiresAt)
        return (code.pinning(ServerKeyPin(fingerprint: fingerprint.bytes)), expiresAt)
    }

    /// Every enrolled device (the server's own included), oldest enrolment first.
    public func devices() throws -> [DeviceKeys.Device] {
        try store.deviceKeys().devices.values.sorted { $0.enrolledAt < $1.enrolledAt }
    }

    /// Revokes the enrolment of the device `reference` names (its id, or 4 or more characters from
    /// its start or end): it is refused from its next connection; what it recorded stays valid.
    @discardableResult
    public func revokeDevice(_ reference: String, reason: String, now: Timestamp = .now()) throws -> DeviceKeys.Device {
        let devices = try devices()
        let resolution = IDReference(reference).resolve(among: devices.map(\.enrolment.device))
        if case .several = resolution { throw AdministrationError.ambiguousDevice(reference) }
        guard case .one(let id) = resolution, let device = devices.first(where: { $0.enrolment.device == id }) else {
            throw AdministrationError.unknownDevice(reference)
        }
        guard device.enrolment.device != server.device.id else { throw AdministrationError.cannotRevokeServer }
        guard device.revocation == nil else { return device }
        let revocation = DeviceRevoked(credential: device.enrolment.credential, reason: reason.isEmpty ? "revoked" : reason)
        _ = try record(try EventDraft(subject: device.enrolment.credential, payload: revocation), now: now)
        return try store.deviceKeys()[device.enrolment.device] ?? device
    }

    /// Every registered user, by name.
    public func users() throws -> [UserRegistered] {
        try store.directory().users.values.sorted { $0.name < $1.name }
    }

    /// Rebuilds the tables the server reads from its events; returns how many events were read.
    @discardableResult
    public func rebuild() throws -> Int { try store.rebuildReadModels() }

    /// The grid as the server holds it.
    public func grid() throws -> Grid {
        try store.grid()
    }

    /// Re-checks every device's chain and signature in the store: a server must hold each chain whole.
    public func verify() throws -> StoreAudit {
        try store.audit(keys: try store.deviceKeys().publicKeys, serverKey: server.key.publicKey,
                        complete: { _ in true }, ownDevice: nil)
    }
}
