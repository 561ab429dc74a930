import Foundation

/// The sign-off lists over time: each grid node's parent and each node's list of departments, as
/// their definitions set them from their place in the canonical order on. What a fold of one
/// enterprise needs of the grid and the settings (the list in force where and when each step was
/// taken) without folding either whole.
///
/// ```swift
/// var history = SignOffHistory(nodes: [("371502001", "371502", defined.position)], departments: [])
/// history.requiredDepartments(for: "371502001", before: step.position)  // the standard list
/// ```
public struct SignOffHistory: Sendable {
    /// Each node's parent, by the definitions in canonical order.
    private var parents: [String: [(position: CanonicalPosition, value: String?)]] = [:]
    /// Each node's sign-off list, by the definitions in canonical order.
    private var lists: [String: [(position: CanonicalPosition, value: [String])]] = [:]

    public init() {}

    /// The history of these definitions, in any order.
    public init(nodes: [(code: String, parent: String?, position: CanonicalPosition)],
                departments: [(node: String, departments: [String], position: CanonicalPosition)]) {
        for node in nodes { parents[node.code, default: []].append((node.position, node.parent)) }
        for list in departments { lists[list.node, default: []].append((list.position, list.departments)) }
        for code in parents.keys { parents[code]?.sort { $0.position < $1.position } }
        for node in lists.keys { lists[node]?.sort { $0.position < $1.position } }
    }

    /// Notes a grid node or sign-off list definition; events come in canonical order.
    public mutating func apply(_ event: Event) {
        switch event.type {
        case GridNodeDefined.eventType:
            if let node = try? PayloadCodec.decode(GridNodeDefined.self, from: event) { parents[node.code, default: []].append((event.position, node.parent)) }
        case SignOffDepartmentsDefined.eventType:
            if let list = try? PayloadCodec.decode(SignOffDepartmentsDefined.self, from: event) {
                lists[list.node, default: []].append((event.position, list.departments))
            }
        default:
            return
        }
    }

    /// The sign-off list for `node` just before `position` (`nil`: as it is now): the one defined
    /// for the nearest node of its lineage as the grid then stood, else the standard. A code the
    /// grid did not know only matches a list made for it exactly (as ``Grid/nearest(_:for:)``).
    public func requiredDepartments(for node: String, before position: CanonicalPosition?) -> [String] {
        func latest<Value>(_ entries: [(position: CanonicalPosition, value: Value)]?) -> Value? {
            guard let entries else { return nil }
            guard let position else { return entries.last?.value }
            return entries.last { $0.position < position }?.value
        }
        var lineage: [String] = []
        var next: String? = node
        while let code = next, let parent = latest(parents[code]), !lineage.contains(code) {
            lineage.append(code)
            next = parent
        }
        if lineage.isEmpty { lineage = [node] }
        return lineage.lazy.compactMap { latest(lists[$0]) }.first ?? SignOffDepartmentsDefined.standard
    }
}
