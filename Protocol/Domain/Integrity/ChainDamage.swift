/// What is wrong with one of a device's own events, as its store finds it against the hashes it
/// recorded: the words `verify` and `repair` use, and the key a repaired store keeps.
public enum ChainDamage: String, Hashable, Sendable, CaseIterable {
    /// The event cannot be read, or its row is gone.
    case missing
    /// Its bytes no longer hash to what was recorded.
    case changed
    /// It does not carry the hash of the event before it.
    case unlinked

    public var phrase: Phrase {
        switch self {
        case .missing: Phrase("无法读取或已从数据文件中丢失", "it cannot be read or is missing from the store")
        case .changed: Phrase("记录后被改动过", "it has changed since it was recorded")
        case .unlinked: Phrase("没有带上前一条记录的哈希", "it does not carry the hash of the event before it")
        }
    }
}
