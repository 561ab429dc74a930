import LantianSessions
import LantianStore
import LantianTransport

/// One connection a ``SyncServer`` serves, with its session and what the loop knows of it.
///
/// The session is used by one thread at a time: the loop's, or — while ``isBusy`` — the pool
/// thread answering the connection's last frame, when the connection hands over no other frame
/// and the loop leaves the session alone (what would touch it waits for the answer).
final class ServedConnection {
    let connection: Connection
    let session: ServerSession
    /// The peer's address, for logs.
    let peer: String
    /// Pings the connection after a silence, closes it after a second one.
    let watchdog: LoopTimer?
    /// Whether the connection was pinged and has not answered since.
    var pinged = false
    /// A frame of this connection is being answered off the loop.
    var isBusy = false
    /// The session stored something every replica should pull: set off the loop, read after it.
    var headMoved = false
    /// News for a subscribed device that came while it was busy, told once the frame is answered.
    var heldNotification: (head: Int64, reach: EventReach?)?
    /// Why the connection closed while busy: its end is seen to once the frame is answered.
    var closedWhileBusy: Connection.CloseReason?

    init(connection: Connection, session: ServerSession, watchdog: LoopTimer?) {
        self.connection = connection
        self.session = session
        self.watchdog = watchdog
        peer = connection.peer
        session.onHeadMoved = { [unowned self] in headMoved = true }
    }

    /// Keeps news that came while busy: the newest head, and whom it concerns only when that is
    /// one range (two ranges' reach would need merging; everyone hearing is harmless, a pull finds nothing).
    func hold(head: Int64, reach: EventReach?) {
        guard let held = heldNotification else { return heldNotification = (head, reach) }
        heldNotification = (max(held.head, head), nil)
    }
}
