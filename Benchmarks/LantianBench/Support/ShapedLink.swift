import Foundation
import LantianFraming
import LantianTransport
import LantianWire

/// A rural mobile link between `lantian` and `lantiand` on loopback, played by a relay of the TLS
/// byte stream (as it arrives from each side's socket) on its own thread and libuv loop. Each
/// direction is a line of ``Shape/bitsPerSecond``: a chunk leaves once the line is free and its
/// bytes have gone through, and arrives
/// ``Shape/oneWayMilliseconds`` later; each 1,460-byte segment is lost with ``Shape/lossRate`` and
/// costs a retransmission timeout. That models what TCP over such a link delivers (in order, late),
/// not packets: this machine's kernel has no `netem` to shape a real interface.
final class ShapedLink: @unchecked Sendable {
    struct Shape {
        var bitsPerSecond = 2_000_000.0
        var oneWayMilliseconds = 75.0
        var lossRate = 0.01
        var retransmissionMilliseconds = 300.0
        static let segmentBytes = 1_460
    }

    /// Where clients connect, HOST:PORT.
    let address: String
    private let state = State()

    /// Bytes relayed each way (TLS records and handshake).
    var bytesUp: Int { state.lock.withLock { state.up } }
    var bytesDown: Int { state.lock.withLock { state.down } }

    /// What the relay's thread and the benchmark share.
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var stopping = false, up = 0, down = 0
    }

    /// Starts relaying to `server` (HOST:PORT).
    init(to server: String, shape: Shape = Shape()) throws {
        let upstream = try Endpoint(parsing: server)
        let ready = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var bound: Result<String, any Error> = .failure(BenchError.failed("the shaped link did not start"))
        let thread = Thread { [state] in
            do {
                let loop = try EventLoop()
                let listener = try TCPListener(loop: loop, endpoint: Endpoint(host: "127.0.0.1", port: 0), framing: .stream, security: .plaintext)
                listener.onConnection = { client in
                    Relay(loop: loop, client: client, upstream: upstream, shape: shape) { direction, bytes in
                        state.lock.withLock { if direction == .up { state.up += bytes } else { state.down += bytes } }
                    }.start()
                }
                let watch = try LoopTimer(loop: loop)
                watch.start(afterMilliseconds: 50, repeatMilliseconds: 50) {
                    guard state.lock.withLock({ state.stopping }) else { return }
                    watch.close()
                    listener.close()
                    loop.stop()
                }
                bound = .success(listener.boundEndpoint.description)
                ready.signal()
                loop.run()
            } catch {
                bound = .failure(error)
                ready.signal()
            }
        }
        thread.start()
        ready.wait()
        address = try bound.get()
    }

    /// Stops accepting and relaying.
    func stop() { state.lock.withLock { state.stopping = true } }
}

/// One client's connection and its server's, relayed both ways through the shaped lines.
private final class Relay {
    enum Direction { case up, down }

    private let loop: EventLoop
    private let client: Connection
    private let upstream: Endpoint
    private let shape: ShapedLink.Shape
    private var random = SystemRandomNumberGenerator()
    private let count: (Direction, Int) -> Void
    private var server: Connection?
    /// Bytes from the client that arrive before the server's connection is up.
    private var waiting: [[UInt8]] = []
    /// When each line is next free, in milliseconds of the loop's clock.
    private var freeAt: [Direction: Double] = [.up: 0, .down: 0]
    private var started = ContinuousClock.now

    init(loop: EventLoop, client: Connection, upstream: Endpoint, shape: ShapedLink.Shape, count: @escaping (Direction, Int) -> Void) {
        (self.loop, self.client, self.upstream, self.shape, self.count) = (loop, client, upstream, shape, count)
    }

    func start() {
        started = .now
        client.onFrame = { [self] body in
            carry(body, .up) { [self] in if let server { server.send(body) } else { waiting.append(body) } }
        }
        client.onClose = { [self] _ in server?.close() }
        Connection.connect(loop: loop, endpoint: upstream, framing: .stream, security: .plaintext, timeoutMilliseconds: 10_000) { [self] result in
            guard case .success(let connection) = result else { return client.close() }
            server = connection
            connection.onFrame = { [self] body in carry(body, .down) { [self] in client.send(body) } }
            connection.onClose = { [self] _ in client.close() }
            for body in waiting { connection.send(body) }
            waiting = []
        }
    }

    /// Delivers `body` after the line's delay: behind what is already on the line, its bytes at the
    /// line's rate, a retransmission timeout for each segment lost, then the one-way delay.
    private func carry(_ body: [UInt8], _ direction: Direction, deliver: @escaping () -> Void) {
        let bytes = body.count
        count(direction, bytes)
        let elapsed = (ContinuousClock.now - started).components
        let now = Double(elapsed.seconds) * 1_000 + Double(elapsed.attoseconds) / 1e15
        var leaves = max(now, freeAt[direction] ?? 0) + Double(bytes * 8) / shape.bitsPerSecond * 1_000
        for _ in 0..<((bytes + ShapedLink.Shape.segmentBytes - 1) / ShapedLink.Shape.segmentBytes)
        where Double.random(in: 0..<1, using: &random) < shape.lossRate {
            leaves += shape.retransmissionMilliseconds
        }
        freeAt[direction] = leaves
        guard let timer = try? LoopTimer(loop: loop) else { return deliver() }
        timer.start(afterMilliseconds: UInt64(max(0, leaves + shape.oneWayMilliseconds - now))) {
            timer.close()
            deliver()
        }
    }
}
