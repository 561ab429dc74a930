/// A reference to a photo or file kept as evidence: its SHA-256 and the name it had.
public struct Evidence: Codable, Hashable, Sendable {
    public var sha256: String
    public var fileName: String

    public init(sha256: String, fileName: String) {
        self.sha256 = sha256
        self.fileName = fileName
    }
}
