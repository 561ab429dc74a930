/// Which read models a store keeps. A field device keeps every table its views read; a server
/// keeps only what it looks up itself (the grid, users, enrolled devices and their keys, the sync
/// backlog, arrived photos), since it shows no issue lists, and each table it kept would slow every
/// push it takes.
///
/// The set is a property of the file, noted when the server first opens it: whoever opens a
/// server's store later (an administrator's command, a benchmark) keeps the same.
public enum ReadModelSet: String, Sendable {
    case all
    case server

    /// Whether the issue and fire point tables are kept.
    var keepsViews: Bool { self == .all }
}
