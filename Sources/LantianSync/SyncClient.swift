import Foundation
import LantianProtocol
import LantianStore
import LantianTransport

/// Runs one client session against a server over libuv and waits for it to end.
///
/// ```swift
/// let report = try SyncClient.run(store: store, device: device, server: endpoint)
/// ```
public enum SyncClient {
    /// Connects, runs a ``ClientSession`` for `purpose` to its end, and closes.
    ///
    /// - Parameters:
    ///   - connectTimeout: how long to wait for the connection, in milliseconds.
    ///   - idleTimeout: how long to wait for any answer from the server, in milliseconds.
    public static func run(
        store: EventStore, device: LocalDevice, server: Endpoint, purpose: ClientSession.Purpose = .sync,
        connectTimeout: UInt64 = 3_000, idleTimeout: UInt64 = 30_000
    ) throws(SyncError) -> SyncReport {
        let loop: EventLoop
        let idle: LoopTimer
        do {
            loop = try EventLoop()
            idle = try LoopTimer(loop: loop)
        } catch {
            throw .unreachable(error)
        }
        let session = ClientSession(store: store, device: device, purpose: purpose)
        var outcome: Result<SyncReport, SyncError>?

        Connection.connect(loop: loop, endpoint: server, maxFrameBytes: Int(WireLimits.standard.maxFrameBytes),
                           timeoutMilliseconds: connectTimeout) { result in
            let connection: Connection
            switch result {
            case .failure(let error):
                outcome = .failure(.unreachable(error))
                return idle.close()
            case .success(let connected):
                connection = connected
            }
            func end(_ result: Result<SyncReport, SyncError>) {
                if outcome == nil { outcome = result }
                idle.close()
                connection.close()
            }
            func waitForAnswer() {
                idle.start(afterMilliseconds: idleTimeout) { end(.failure(.timedOut(seconds: Int(idleTimeout / 1000)))) }
            }
            connection.onFrame = { body in
                do throws(SyncError) {
                    let message: Message
                    do throws(WireFormatError) {
                        message = try MessageCodec.decode(body)
                    } catch {
                        throw session.handle(malformed: error)
                    }
                    switch try session.handle(message) {
                    case .send(let next):
                        connection.send(MessageCodec.encode(next))
                        waitForAnswer()
                    case .finished(let report):
                        end(.success(report))
                    case .wait:
                        waitForAnswer()
                    }
                } catch {
                    end(.failure(error))
                }
            }
            connection.onFrameError = { error in
                end(.failure(.protocolViolation("the server sent a bad frame: \(error)")))
            }
            connection.onClose = { reason in
                if case .failed(let error) = reason { end(.failure(.unreachable(error))) }
                end(.failure(.connectionClosed))
            }
            do throws(SyncError) {
                connection.send(MessageCodec.encode(try session.start()))
                waitForAnswer()
            } catch {
                end(.failure(error))
            }
        }
        loop.run()
        return try outcome!.get()
    }
}
