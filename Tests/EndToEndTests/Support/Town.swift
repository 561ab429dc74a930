import Foundation
import LantianTestSupport

/// A small real grid (城市 → 区 → 街道 → 村) with three users, set up with `lantiand` itself, a
/// running server, and each user's device set up and synced.
struct Town {
    let folder: URL
    let server: ServerProcess
    let officer: FieldDevice
    let staff: FieldDevice
    let supervisor: FieldDevice

    static let cell = TestGrid.cell
    static let township = TestGrid.township

    /// - Parameters:
    ///   - settings: `lantiand config …` arguments to run before the server starts.
    ///   - plaintext: serve and sync without TLS (`--insecure-plaintext-loopback`), for proxies that read frames.
    init(settings: [[String]] = [], plaintext: Bool = false) throws {
        folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        try TestGrid.administer(database, settings: settings)
        server = try ServerProcess(database: database, port: try freePort(), folder: folder, plaintext: plaintext)
        officer = try FieldDevice(user: "officer.zhang", server: server.address, folder: folder)
        staff = try FieldDevice(user: "staff.wang", server: server.address, folder: folder)
        supervisor = try FieldDevice(user: "supervisor.zhao", server: server.address, folder: folder)
        for device in [officer, staff, supervisor] { try device.expectSuccess(["sync"]) }
    }

    /// Everyone syncs twice, so whatever anyone recorded reaches everyone.
    func syncAll() throws {
        for _ in 0..<2 { for device in [officer, staff, supervisor] { try device.expectSuccess(["sync"]) } }
    }
}

struct TicketJSON: Decodable {
    var id: String
    var category: String
    var state: String
    var title: String
    var deadline: String?
    var conflicts: [Conflict]
    struct Conflict: Decodable { var attempted: String }
}

extension FieldDevice {
    func issues(_ extra: [String] = []) throws -> [TicketJSON] { try json([TicketJSON].self, ["issue", "list", "--all"] + extra) }
    func shortID(_ ticket: TicketJSON) -> String { String(ticket.id.suffix(8)) }
}
