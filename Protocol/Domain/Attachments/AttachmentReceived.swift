import Foundation

/// The server holds a blob whole and has checked that its bytes hash to its digest. Recorded by
/// the server itself, so every replica learns which evidence has arrived; until then evidence
/// that names the blob is pending.
public struct AttachmentReceived: EventPayload, Hashable {
    public static let eventType: EventType = "attachment.received"
    public static let schema: UInt16 = 1

    /// The blob's SHA-256, as 64 hexadecimal digits.
    public var sha256: String
    public var size: Int64

    public init(digest: ContentDigest, size: Int64) {
        sha256 = digest.hex
        self.size = size
    }

    private enum CodingKeys: String, CodingKey { case sha256, size }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let sha256 = try container.decode(String.self, forKey: .sha256)
        guard let digest = ContentDigest(hex: sha256) else { throw InvalidValue(field: "sha256", rule: .notADigest) }
        let size = try container.decode(Int64.self, forKey: .size)
        guard size > 0 else { throw InvalidValue(field: "size", rule: .mustBePositive) }
        self.init(digest: digest, size: size)
    }
}

extension AttachmentReceived {
    public static let definition = EventDefinition(
        AttachmentReceived.self, chinese: "证据已到服务器", english: "evidence arrived", recorders: .server, subject: .defines,
        example: AttachmentReceived(digest: ContentDigest.of(Data("lantian".utf8)), size: 7))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        guard size <= ContentDigest.maxBlobBytes else {
            throw InvalidValue(field: "size", rule: .outOfRange(min: 1, max: Double(ContentDigest.maxBlobBytes)))
        }
    }

    public func placement(of event: Event) -> PlacementClaim { .everyone }
}
