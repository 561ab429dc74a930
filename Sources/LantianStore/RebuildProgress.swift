/// How far a rebuild of the read models has got, for a progress display: a store whose read
/// models are of another version rebuilds them when it is opened, which takes seconds on a
/// phone that holds a season.
public struct RebuildProgress: Hashable, Sendable {
    /// Events read so far, of those the read models are made from.
    public var read: Int
    public var total: Int

    public init(read: Int, total: Int) {
        self.read = read
        self.total = total
    }
}
