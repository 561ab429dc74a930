import Foundation
import LantianDomain
import LantianTransport

/// The device's position from gpsd, the Linux GPS daemon, over its JSON protocol on our libuv
/// transport (lines, ``Framing/lines(maxBytes:)``): asks it to watch, then waits for a fix no
/// older than `maxAge` and no worse than `maxError`.
///
/// ```swift
/// let fix = try GPSReceiver(address: GPSReceiver.defaultAddress).fix(maxError: 50, now: .now)
/// ```
public struct GPSReceiver: Sendable {
    /// Where gpsd listens unless told otherwise: its standard port on this machine.
    public static let defaultAddress = "127.0.0.1:2947"
    /// The oldest fix taken: a minute (a position is for where the officer stands now).
    public static let maxAgeSeconds = 60

    public let address: String

    public init(address: String) { self.address = address }

    /// The first fix good enough, waiting at most `timeoutSeconds`; else why there is none.
    public func fix(maxError: Double, timeoutSeconds: Int = 10, now: @escaping () -> Timestamp) throws(GPSError) -> GPSFix {
        guard let endpoint = try? Endpoint(parsing: address), let loop = try? EventLoop(), let timer = try? LoopTimer(loop: loop) else {
            throw .unreachable(address)
        }
        var outcome: Result<GPSFix, GPSError> = .failure(.noFix(seconds: timeoutSeconds))
        var connection: Connection?
        func finish(_ result: Result<GPSFix, GPSError>) {
            outcome = result
            timer.close()
            connection?.close()
            connection = nil
        }
        timer.start(afterMilliseconds: UInt64(timeoutSeconds) * 1_000) { finish(outcome) }
        Connection.connect(loop: loop, endpoint: endpoint, framing: .lines(maxBytes: 64 << 10), security: .plaintext, timeoutMilliseconds: 3_000) { result in
            guard case .success(let connected) = result else { return finish(.failure(.unreachable(address))) }
            connection = connected
            connected.onFrame = { line in
                guard let fix = GPSFix(report: line) else { return }
                let age = Int((now().millisecondsSince1970 - fix.time.millisecondsSince1970) / 1_000)
                if age > Self.maxAgeSeconds {
                    outcome = .failure(.stale(ageSeconds: age, maxSeconds: Self.maxAgeSeconds))
                } else if let error = fix.location.accuracyMetres, error <= maxError {
                    finish(.success(fix))
                } else {
                    outcome = .failure(.inaccurate(metres: fix.location.accuracyMetres, maxMetres: maxError))
                }
            }
            connected.onClose = { _ in if connection != nil { finish(outcome) } }
            connected.send(Array(#"?WATCH={"enable":true,"json":true};"#.utf8))
        }
        loop.run()
        return try outcome.get()
    }
}
