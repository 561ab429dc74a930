import Foundation

/// A small real grid (城市 → 区 → 街道 → 村) with three users, set up with `lantiand` itself, a
/// running server, and each user's device set up and synced.
struct Town {
    let folder: URL
    let server: ServerProcess
    let officer: FieldDevice
    let staff: FieldDevice
    let supervisor: FieldDevice

    static let cell = "371502001001"
    static let township = "371502001"

    /// - Parameter settings: `lantiand config …` arguments to run before the server starts.
    init(settings: [[String]] = []) throws {
        folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        for arguments in [
            ["grid", "add", "371500", "聊城市", "--level", "city"],
            ["grid", "add", "371502", "东昌府区", "--level", "county", "--parent", "371500"],
            ["grid", "add", Self.township, "古楼街道", "--level", "township", "--parent", "371502"],
            ["grid", "add", Self.cell, "北关村", "--level", "cell", "--parent", Self.township],
            ["user", "add", "officer.zhang", "--role", "grid-officer", "--scope", Self.cell],
            ["user", "add", "staff.wang", "--role", "township-staff", "--scope", Self.township],
            ["user", "add", "supervisor.zhao", "--role", "supervisor", "--scope", "371502"],
        ] + settings.map({ ["config"] + $0 }) {
            let result = try run("lantiand", arguments + ["--db", database])
            guard result.status == 0 else { throw Failure("lantiand \(arguments.joined(separator: " ")): \(result.errors)") }
        }
        server = try ServerProcess(database: database, port: try freePort(), folder: folder)
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
    var conflicts: [Conflict]
    struct Conflict: Decodable { var attempted: String }
}

extension FieldDevice {
    func issues(_ extra: [String] = []) throws -> [TicketJSON] { try json([TicketJSON].self, ["issue", "list", "--all"] + extra) }
    func shortID(_ ticket: TicketJSON) -> String { String(ticket.id.suffix(8)) }
}
