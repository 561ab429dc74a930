import Foundation

/// One item of a dust-site checklist.
public struct ChecklistItem: Codable, Hashable, Sendable {
    public var id: String
    public var chinese: String
    public var english: String

    public init(id: String, chinese: String, english: String) {
        self.id = id
        self.chinese = chinese
        self.english = english
    }
}
