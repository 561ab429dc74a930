import Foundation
import LantianDomain

/// What one sync did.
public struct SyncReport: Hashable, Sendable {
    /// Events of this device the server acknowledged in this sync.
    public var pushed = 0
    /// Events of other devices stored in this sync.
    public var pulled = 0
    /// Events of this device the server refused for good (now in the quarantine list).
    public var rejected = 0
    /// Pulled events this device's own rules refused (now in the quarantine list too).
    public var refusedOnArrival = 0
    /// Other devices' events this device returned to a server restored from a backup, which had lost them.
    public var returned = 0
    /// Blobs the server now holds whole that this sync offered, and the bytes sent of them.
    public var attachments = 0
    public var attachmentBytes: Int64 = 0
    /// Fetching: blobs now held whole here, the bytes received, blobs the server would not give
    /// (not held there, or outside the user's scope), and blobs whose bytes did not match their
    /// digest (discarded).
    public var fetched = 0
    public var fetchedBytes: Int64 = 0
    public var unavailable: [ContentDigest] = []
    public var mismatched: [ContentDigest] = []
    /// The global sequence number pulled up to.
    public var cursor: Int64?
    public var serverEpoch: UUID?
    /// How far this device's clock is from the server's.
    public var clockSkew: ClockSkew?
    /// The store turned out to be an older copy: its device id until this session (see PROTOCOL.md,
    /// *Restored devices*), and how many of its events were recorded again under a new one.
    public var replacedDevice: UUID?
    public var recordedAgain = 0
    /// Enrolling: the user the server enrolled the device for.
    public var enrolledAs: String?

    /// Whether another session must follow to push what this one recorded again.
    public var needsAnotherSession: Bool { recordedAgain > 0 }

    /// This report followed by `next`, a later session of the same sync.
    public func followed(by next: SyncReport) -> SyncReport {
        var combined = next
        combined.pushed += pushed
        combined.pulled += pulled
        combined.rejected += rejected
        combined.refusedOnArrival += refusedOnArrival
        combined.returned += returned
        combined.attachments += attachments
        combined.attachmentBytes += attachmentBytes
        combined.replacedDevice = next.replacedDevice ?? replacedDevice
        combined.enrolledAs = next.enrolledAs ?? enrolledAs
        combined.recordedAgain += recordedAgain
        return combined
    }

    public init() {}
}
