import Foundation

/// Where a server's record is kept when several `lantiand` nodes share it (PostgreSQL, in
/// `LantianPostgres`): an ordered log of changesets, one per write transaction of any node.
///
/// Each node's ``EventStore`` is then its own SQLite copy of that record, kept by the same code as a
/// server on one machine: every write runs as the record's only writer — it first applies the
/// changesets other nodes committed, then does its work, then hands its changes here as one
/// changeset, committed before the node's own copy commits — and every read first applies what
/// other nodes committed since. A node's copy can be thrown away and made again from the record.
public protocol SharedRecord: AnyObject, Sendable {
    /// The position of the last changeset committed (0: none yet).
    func position() throws -> Int64

    /// Up to `limit` changesets committed after `position`, oldest first.
    func changesets(after position: Int64, limit: Int) throws -> [RecordChangeset]

    /// Runs `body` as the record's only writer. `body` receives the changesets committed after
    /// `position`, which it must apply first, and returns those it adds (numbered on from the last
    /// it received); they are committed, durably, before this returns. If `body` throws, nothing is
    /// committed. Throws ``StoreError/copyAheadOfSharedRecord(copy:record:)`` if `position` is
    /// beyond the record's last.
    func write(after position: Int64, _ body: ([RecordChangeset]) throws -> [RecordChangeset]) throws
}
