import Foundation
import LantianDomain
import LantianTestSupport

/// The shared test grid set up with `lantiand` itself, as an administrator would: the city, the
/// county, the township and the cell of ``TestGrid``, and the users answering for them.
extension TestGrid {
    /// The nodes end-to-end tests run in (城市 → 区 → 街道 → 村).
    static var administeredNodes: [GridNodeDefined] {
        nodes.filter { ["371500", county, township, cell].contains($0.code) }
    }

    /// The users of those nodes.
    static var administeredUsers: [UserRegistered] {
        users.filter { [cell, township, county].contains($0.scope) && $0.role != .admin }
    }

    /// Defines the grid and the users in the server store `database`, then runs `settings`
    /// (`lantiand config …` arguments).
    static func administer(_ database: String, settings: [[String]] = []) throws {
        if ServerStoreUnderTest.sharesRecord, SharedDatabases.url(of: database) == nil { try SharedDatabases.register(database) }
        let nodes = administeredNodes.map { node in
            ["grid", "add", node.code, node.name, "--level", node.level.rawValue] + (node.parent.map { ["--parent", $0] } ?? [])
        }
        let users = administeredUsers.map { ["user", "add", $0.name, "--role", $0.role.rawValue, "--scope", $0.scope] }
        for arguments in nodes + users + settings.map({ ["config"] + $0 }) {
            try lantiand(arguments + ["--db", database])
        }
    }

    /// Registers `user` in `database` unless they are one of ``administeredUsers``: a grid officer
    /// of the cell, township staff of the township or a supervisor of the county, by the name's first part.
    static func register(_ user: String, in database: String) throws {
        guard !administeredUsers.contains(where: { $0.name == user }) else { return }
        let role: Role = user.hasPrefix("staff") ? .townshipStaff : user.hasPrefix("supervisor") ? .supervisor : .gridOfficer
        let scope = role == .townshipStaff ? township : role == .supervisor ? county : cell
        try lantiand(["user", "add", user, "--role", role.rawValue, "--scope", scope, "--db", database])
    }

    /// The repository's Fixtures/ folder.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Fixtures").standardized

    /// Imports Liaocheng's real grid from Fixtures/liaocheng into the server store `database`: eight
    /// counties with their boundaries, 136 townships, 408 cells.
    static func importLiaocheng(into database: String) throws {
        let liaocheng = fixtures.appendingPathComponent("liaocheng")
        try lantiand(["grid", "import", "--db", database, "--city", "371500:聊城市",
                      "--counties", liaocheng.appendingPathComponent("counties.geojson").path,
                      "--townships", liaocheng.appendingPathComponent("townships.csv").path,
                      "--cells", liaocheng.appendingPathComponent("cells.csv").path, "--datum", "gcj02"])
    }

    @discardableResult
    static func lantiand(_ arguments: [String]) throws -> String {
        let result = try run("lantiand", SharedDatabases.resolving(arguments))
        guard result.status == 0 else { throw Failure("lantiand \(arguments.joined(separator: " ")): \(result.errors)") }
        return result.output
    }
}
