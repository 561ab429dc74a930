import Foundation

/// The small real grid the end-to-end tests run in (城市 → 区 → 街道 → 村), and its users, set up
/// with `lantiand` itself.
enum TestGrid {
    static let county = "371502"
    static let township = "371502001"
    static let cell = "371502001001"

    static let users: [(name: String, role: String, scope: String)] = [
        ("officer.zhang", "grid-officer", cell),
        ("officer.li", "grid-officer", cell),
        ("staff.wang", "township-staff", township),
        ("supervisor.zhao", "supervisor", county),
        ("supervisor.wang", "supervisor", county),
    ]

    /// Defines the grid and the users in the server store `database`, then runs `settings`
    /// (`lantiand config …` arguments).
    static func administer(_ database: String, settings: [[String]] = []) throws {
        for arguments in [
            ["grid", "add", "371500", "聊城市", "--level", "city"],
            ["grid", "add", county, "东昌府区", "--level", "county", "--parent", "371500"],
            ["grid", "add", township, "古楼街道", "--level", "township", "--parent", county],
            ["grid", "add", cell, "北关村", "--level", "cell", "--parent", township],
        ] + users.map({ ["user", "add", $0.name, "--role", $0.role, "--scope", $0.scope] }) + settings.map({ ["config"] + $0 }) {
            try lantiand(arguments + ["--db", database])
        }
    }

    /// Registers `user` in `database` unless they are one of ``users``: a grid officer of the cell,
    /// township staff of the township or a supervisor of the county, by the name's first part.
    static func register(_ user: String, in database: String) throws {
        guard !users.contains(where: { $0.name == user }) else { return }
        let (role, scope) = user.hasPrefix("staff") ? ("township-staff", township)
            : user.hasPrefix("supervisor") ? ("supervisor", county) : ("grid-officer", cell)
        try lantiand(["user", "add", user, "--role", role, "--scope", scope, "--db", database])
    }

    @discardableResult
    static func lantiand(_ arguments: [String]) throws -> String {
        let result = try run("lantiand", arguments)
        guard result.status == 0 else { throw Failure("lantiand \(arguments.joined(separator: " ")): \(result.errors)") }
        return result.output
    }
}
