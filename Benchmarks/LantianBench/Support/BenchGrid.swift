import Foundation
import LantianDomain
import LantianWire
import LantianStore

/// The grid every benchmark runs in: one county (东昌府区) of 10 townships of 10 cells each, with
/// ten grid officers in every cell, staff in every township and a county supervisor — 1,011 users,
/// about the size of a county's grid.
enum BenchGrid {
    static let city = "371500"
    static let county = "371502"
    static let cellsPerTownship = 10
    static let townships = (1...10).map { county + String(format: "%03d", $0) }
    static let cellsByTownship = Dictionary(uniqueKeysWithValues: townships.map { township in
        (township, (1...cellsPerTownship).map { township + String(format: "%03d", $0) })
    })
    static let cells = townships.flatMap { cellsByTownship[$0]! }
    static let officersPerCell = 10
    static let supervisor = UserRegistered(name: "supervisor.\(county)", role: .supervisor, scope: county)

    static func officer(_ index: Int, of cell: String) -> UserRegistered {
        UserRegistered(name: "officer.\(cell).\(index)", role: .gridOfficer, scope: cell)
    }

    static func staff(of township: String) -> UserRegistered {
        UserRegistered(name: "staff.\(township)", role: .townshipStaff, scope: township)
    }

    static let users = cells.flatMap { cell in (1...officersPerCell).map { officer($0, of: cell) } }
        + townships.map(staff(of:)) + [supervisor]

    static let nodes: [GridNodeDefined] = [
        GridNodeDefined(code: city, name: "聊城市", level: .city, parent: nil),
        GridNodeDefined(code: county, name: "东昌府区", level: .county, parent: city),
    ] + townships.enumerated().flatMap { index, township in
        [GridNodeDefined(code: township, name: "乡镇\(index + 1)", level: .township, parent: county)]
            + cellsByTownship[township]!.enumerated().map { cellIndex, cell in
                GridNodeDefined(code: cell, name: "乡镇\(index + 1)村\(cellIndex + 1)", level: .cell, parent: township)
            }
    }

    /// A new server store at `path` holding the grid and its users, recorded by its administrator
    /// at `now` as `lantiand grid import` and `lantiand user add` would; its key file is made next to it.
    static func makeServer(at path: String, now: Timestamp = .now()) throws -> (EventStore, ServerIdentity) {
        let store = try EventStore(path: path, keeping: .server)
        let identity = try ServerIdentity.of(store, now: now)
        let drafts = try nodes.map { try EventDraft(subject: GridNodeDefined.subject(for: $0.code), payload: $0) }
            + users.map { try EventDraft(subject: UserRegistered.subject(for: $0.name), payload: $0) }
        try store.recordAccepted(drafts, as: identity.acting(as: "admin"), now: now)
        return (store, identity)
    }

    /// A new client store at `path` enrolled for `user` at `server`: the server redeems a one-time
    /// code for the device's new key, and the client notes its enrolment, as the enrolment session
    /// does (that conversation has its own tests; here it is only set-up).
    static func enrolClient(at path: String, as user: String, server: EventStore, identity: ServerIdentity,
                            address: String) throws -> (EventStore, LocalDevice) {
        let store = try EventStore(path: path)
        let key = DeviceKey()
        try KeyFile.write(key, to: KeyFile.path(forStore: path))
        let device = UUID()
        try enrol(device, key: key, as: user, at: server, identity: identity)
        let local = try store.noteEnrolled(Enrolled(user: user, serverDevice: identity.device.id, serverKey: identity.key.publicKey),
                                           device: device, server: address, tlsKey: nil, certificateAuthorities: nil)
        return (store, local)
    }

    /// Redeems a one-time code for `device` and its `key` at `server` at `now`, as the enrolment
    /// session does once the device has signed the challenge.
    static func enrol(_ device: UUID, key: DeviceKey, as user: String, at server: EventStore, identity: ServerIdentity,
                      now: Timestamp = .now()) throws {
        let code = try server.issueEnrolmentCode(for: user, now: now,
                                                 expiresAt: Timestamp(millisecondsSince1970: now.millisecondsSince1970 + 3_600_000))
        _ = try server.enrol(Enrolment(code: code.description, device: device, publicKey: key.publicKey, proof: Data()),
                             code: code, server: identity, now: now)
    }

    /// A new server at `scratch`, running, and a grid officer's phone (their first cell) enrolled
    /// and synced at the township office (the grid and the directory pulled), ready to go offline.
    static func officerSyncedAtTheOffice(programs: Programs, scratch: Scratch, channel: BenchChannel = .tls)
        throws -> (officer: UserRegistered, client: EventStore, device: LocalDevice, clientPath: String, server: RunningServer) {
        let officer = officer(1, of: cells[0])
        let clientPath = scratch.path("officer.sqlite"), serverPath = scratch.path("server.sqlite")
        let (server, identity) = try makeServer(at: serverPath)
        let (client, device) = try enrolClient(at: clientPath, as: officer.name, server: server, identity: identity, address: "127.0.0.1:1")
        let running = try RunningServer(programs, database: serverPath, channel: channel)
        _ = try ChildProcess.run(programs.lantian, ["sync", "--db", clientPath, "--server", running.address], environment: channel.clientEnvironment)
        return (officer, client, device, clientPath, running)
    }
}
