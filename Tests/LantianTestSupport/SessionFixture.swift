import Foundation
import LantianDomain
import LantianSessions
import LantianWire
import LantianStore
import Testing

/// The grid every session test runs in: 聊城市 → 东昌府区 → 古楼街道 → 北关村 (and a second
/// township with a cell of its own, 新区街道 → 南关村), and next to it 阳谷县 → 阳谷镇 → 城关村;
/// the counties have boundaries (rectangles around the real ones), the rest do not.
public enum TestGrid {
    public static let county = "371502"
    public static let township = "371502001"
    public static let cell = "371502001001"
    public static let otherTownship = "371502002"
    public static let otherCell = "371502002001"
    public static let otherCounty = "371521"
    public static let otherCountysCell = "371521001001"

    /// A place in 北关村 (so in 东昌府区), and one in 阳谷县.
    public static let inCell = try! GeoPoint(latitude: 36.4, longitude: 115.9)
    public static let inOtherCounty = try! GeoPoint(latitude: 36.1533, longitude: 115.8595)

    public static let nodes = [
        GridNodeDefined(code: "371500", name: "聊城市", level: .city, parent: nil),
        GridNodeDefined(code: county, name: "东昌府区", level: .county, parent: "371500", boundary: rectangle(115.85, 36.30, 116.20, 36.60)),
        GridNodeDefined(code: township, name: "古楼街道", level: .township, parent: county),
        GridNodeDefined(code: cell, name: "北关村", level: .cell, parent: township),
        GridNodeDefined(code: otherTownship, name: "新区街道", level: .township, parent: county),
        GridNodeDefined(code: otherCell, name: "南关村", level: .cell, parent: otherTownship),
        GridNodeDefined(code: otherCounty, name: "阳谷县", level: .county, parent: "371500", boundary: rectangle(115.60, 36.00, 115.95, 36.29)),
        GridNodeDefined(code: "371521001", name: "阳谷镇", level: .township, parent: otherCounty),
        GridNodeDefined(code: otherCountysCell, name: "城关村", level: .cell, parent: "371521001"),
    ]

    public static let users = [
        UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: cell),
        UserRegistered(name: "officer.li", role: .gridOfficer, scope: cell),
        UserRegistered(name: "officer.sun", role: .gridOfficer, scope: otherCell),
        UserRegistered(name: "staff.wang", role: .townshipStaff, scope: township),
        UserRegistered(name: "staff.liu", role: .townshipStaff, scope: otherTownship),
        UserRegistered(name: "supervisor.zhao", role: .supervisor, scope: county),
        UserRegistered(name: "supervisor.wang", role: .supervisor, scope: county),
        UserRegistered(name: "supervisor.yang", role: .supervisor, scope: otherCounty),
        UserRegistered(name: "admin.chen", role: .admin, scope: "371500"),
    ]

    private static func rectangle(_ west: Double, _ south: Double, _ east: Double, _ north: Double) -> GeoBoundary {
        GeoBoundary(polygons: [[[[west, south], [east, south], [east, north], [west, north], [west, south]]]])
    }
}

/// A server store holding ``TestGrid`` and its users, with its key next to it: on one SQLite file,
/// or one node's copy of a record on PostgreSQL (``ServerStoreUnderTest``).
public func serverStore(_ name: String = "server") throws -> EventStore {
    let store = try ServerStoreUnderTest.make(path: temporaryPath(name))
    let admin = try ServerIdentity.of(store).acting(as: "admin")
    let drafts = try TestGrid.nodes.map { try EventDraft(subject: GridNodeDefined.subject(for: $0.code), payload: $0) }
        + TestGrid.users.map { try EventDraft(subject: UserRegistered.subject(for: $0.name), payload: $0) }
    try store.recordAccepted(drafts, as: admin, now: .now())
    return store
}

/// A server's side of a session on `store`, as its own identity (on a shared record, on each of
/// two nodes in turn).
public func serverSessionOf(_ store: EventStore, limits: WireLimits = .standard) throws -> ServerSession {
    let node = try ServerStoreUnderTest.node(serving: store)
    return ServerSession(store: node, server: try ServerIdentity.of(node), limits: limits, clock: { .now() })
}

/// A client store enrolled at `server` for `user` through a real enrolment session, with its key
/// file next to it, and the grid and directory pulled.
public func clientStore(_ user: String, enrolledAt server: EventStore) throws -> (EventStore, LocalDevice) {
    let store = try EventStore(path: temporaryPath(user))
    let key = DeviceKey()
    try KeyFile.write(key, to: KeyFile.path(forStore: store.path))
    let code = try server.issueEnrolmentCode(for: user, now: .now(), expiresAt: Timestamp(millisecondsSince1970: Timestamp.now().millisecondsSince1970 + 3_600_000))
    _ = try #require(try converse(ClientSession(store: store, key: key, purpose: .enrol(code: code.description, server: "127.0.0.1:1", certificateAuthorities: nil)),
                                  serverSessionOf(server)))
    _ = try #require(try converse(clientSession(store, .sync), serverSessionOf(server)))
    return (store, try #require(try store.localDevice()))
}

/// A client session on `store` with the device key kept next to it.
public func clientSession(_ store: EventStore, _ purpose: ClientSession.Purpose) throws -> ClientSession {
    ClientSession(store: store, key: try KeyFile.read(KeyFile.path(forStore: store.path)), purpose: purpose)
}

/// How many events of `store` were recorded in the field (not by a server).
public func fieldEventCount(_ store: EventStore) throws -> Int {
    try store.allEvents().filter { !EventCatalogue.serverOnly.contains($0.type) }.count
}

public func temporaryPath(_ name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("\(name).sqlite").path
}

/// Records `count` fire points in the officer's cell.
public func record(_ count: Int, in store: EventStore, by device: LocalDevice) throws {
    for index in 0..<count {
        let report = try FirePointReport(location: TestGrid.inCell, node: TestGrid.cell,
                                         observedAt: .now(), note: "#\(index)")
        _ = try store.record(try EventDraft(subject: UUID(), payload: report), device: device, now: .now())
    }
}

/// A message as it arrives after the wire: encoded and decoded.
public func overTheWire(_ message: Message) throws -> Message {
    try MessageCodec.decode(MessageCodec.encode(message))
}

/// Runs a whole session between the two sides, every message through the codec as on the wire.
/// `dropping` names a message type the "network" loses, ending the session there.
public func converse(_ client: ClientSession, _ server: ServerSession, dropping lost: String? = nil) throws -> SyncReport? {
    try converse(client, server, cuttingAt: { $0.name == lost })
}

/// Runs a session until the server's answer `cut` picks, which the "network" loses, ending the session there.
public func converse(_ client: ClientSession, _ server: ServerSession, cuttingAt cut: (Message) -> Bool) throws -> SyncReport? {
    _ = try client.start()
    // The server's answers not yet read by the client, oldest first: several when the client sent
    // several messages at once (push batches in its window).
    var answers = [server.greeting()]
    func send(_ message: Message) throws -> Bool {
        let reply = server.handle(try overTheWire(message))
        switch reply {
        case .send(let answer), .sendAndClose(let answer):
            if cut(answer) { return false }
            answers.append(answer)
            return true
        default:
            Issue.record("server ended the session: \(reply)")
            return false
        }
    }
    while !answers.isEmpty {
        var step = try client.handle(try overTheWire(answers.removeFirst()))
        while true {
            switch step {
            case .send(let next):
                guard try send(next) else { return nil }
            case .sendAll(let messages):
                for message in messages { guard try send(message) else { return nil } }
            case .sendAhead(let next):
                // The client goes on with its own work whether or not the answer comes.
                let delivered = try send(next)
                step = try client.proceed()
                if delivered { continue }
                return nil
            case .finished(let report), .caughtUp(let report, _):
                return report
            case .wait:
                break
            }
            break
        }
    }
    Issue.record("the client waited without being pinged")
    return nil
}

/// An authenticated server session for the device of `store`: its challenge answered with a
/// signed hello, as a hand-made client would. Returns the session and the device key.
public func authenticatedSession(_ store: EventStore, server: EventStore, limits: WireLimits = .standard) throws -> (ServerSession, DeviceKey) {
    let (session, key, _) = try welcomedSession(store, server: server, limits: limits, versions: MessageCodec.versions)
    return (session, key)
}

/// A server session welcomed for the device of `store`, which said it speaks `versions` (an older
/// client, say): the session, the device key and the welcome.
public func welcomedSession(_ store: EventStore, server: EventStore, limits: WireLimits = .standard,
                            versions: ClosedRange<UInt16>) throws -> (ServerSession, DeviceKey, Welcome) {
    let session = try serverSessionOf(server, limits: limits)
    let key = try KeyFile.read(KeyFile.path(forStore: store.path))
    let device = try #require(try store.localDevice())
    guard case .challenge(let challenge) = session.greeting() else { throw CancellationError() }
    let hello = Hello(versions: versions, device: device.id, actor: device.actor,
                      proof: try key.sign(SessionProof.hello(nonce: challenge.nonce, channel: Data(), credential: device.id, device: device.id)))
    guard case .send(.welcome(let welcome)) = session.handle(.hello(hello)) else { throw CancellationError() }
    return (session, key, welcome)
}

/// `events` as a push signed with `key` over the last.
public func signedPush(_ events: [Event], key: DeviceKey) throws -> Push {
    guard let last = events.last else { return Push(events: []) }
    let signature = try ChainSignature(signing: EventChain.hash(of: last), device: last.device, cseq: last.cseq, with: key)
    return Push(events: events, signature: signature.signature)
}
