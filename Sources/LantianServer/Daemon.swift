import Foundation
import Glibc
import LantianDomain
import LantianStore
import LantianSync
import LantianTransport
import Logging

/// `lantiand serve`: serves one store until SIGINT or SIGTERM, then shuts down cleanly.
///
/// ```swift
/// try Daemon.serve(location: StoreLocation(db: "server.sqlite"), listen: Endpoint(host: "127.0.0.1", port: 7700))
/// ```
public enum Daemon {
    /// How the server secures its connections.
    public enum Security: Sendable {
        /// TLS with the key and self-signed certificate next to the store (made on first start).
        case selfSigned
        /// TLS with a deployment's own certificate chain (PEM, leaf first) and key.
        case certificate(chain: String, key: String)
        /// No TLS, on a loopback address only: for debugging.
        case insecurePlaintextLoopback
    }

    /// Opens (or creates) the store — on a shared PostgreSQL record, this node's copy, brought up to
    /// date, and listening for other nodes' commits — listens, and returns once a signal has stopped
    /// the server and every connection is closed. Prints `正在监听 HOST:PORT，纪元 EPOCH` (in English `listening on
    /// HOST:PORT epoch EPOCH`) on standard output when ready to accept connections; logs in `language`.
    public static func serve(location: StoreLocation, listen: Endpoint, security: Security = .selfSigned, idleTimeoutSeconds: UInt64 = 30,
                             verbose: Bool = false, language: Language = .chinese) throws {
        let say = language.say
        var logger = Logger(label: "lantiand") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .info
        // After an upgrade that changes the read models, they are rebuilt before the server listens.
        let store = try location.open(rebuilding: { progress in
            guard progress.read % 100_000 == 0 || progress.read == progress.total else { return }
            logger.info("\(say("正在重建读模型：已读 \(progress.read) / \(progress.total) 条事件", "rebuilding the read models: \(progress.read) of \(progress.total) events read"))")
        })
        let files = OpenFileLimit.raise()
        let (channel, next) = try channelSecurity(security, store: location.file, listen: listen)
        switch channel {
        case .tls(let context):
            let key = context.identity?.fingerprint
            logger.info("\(say("TLS 1.3，服务器密钥 SHA-256", "TLS 1.3, server key SHA-256")) \(key?.description ?? "?")", metadata: [
                "pin": "\(key.map { ServerKeyPin(fingerprint: $0.bytes).description } ?? "-")",
                "next": "\(next?.description ?? "-")",
            ])
        case .plaintext:
            logger.warning("""
                \(say("！！！明文监听 \(listen)：不加密、不验证服务器身份，仅供本机调试，切勿用于真实设备！！！",
                       "!!! PLAINTEXT listener on \(listen): no encryption, no server identity; for debugging on this machine only, never for real devices !!!"))
                """)
        }
        let loop = try EventLoop()
        let server = try SyncServer(loop: loop, store: store, endpoint: listen, security: channel, nextServerTLSKey: next,
                                    logger: logger, language: language, idleTimeoutMilliseconds: idleTimeoutSeconds * 1000)
        let otherNodes = try location.database.map { database in
            try SharedRecordWatcher(database: database, loop: loop, onCommit: { server.recordMoved() }, onLost: { reason in
                logger.warning("\(say("与数据库的监听连接断开，每秒重连", "lost the database connection that listens for other nodes, reconnecting every second"))：\(reason)")
            })
        }
        var watchers: [SignalWatcher] = []
        let stop = {
            logger.info("\(say("正在停止：关闭 \(server.connectionCount) 个连接", "stopping: closing \(server.connectionCount) connection(s)"))")
            server.shutDown()
            otherNodes?.close()
            for watcher in watchers { watcher.close() }
        }
        watchers = [try SignalWatcher(loop: loop, signal: SIGINT, action: stop),
                    try SignalWatcher(loop: loop, signal: SIGTERM, action: stop)]
        let epoch = store.epoch.uuidString.lowercased()
        let ready = say("正在监听 \(server.endpoint)，纪元 \(epoch)", "listening on \(server.endpoint) epoch \(epoch)") + "\n"
        FileHandle.standardOutput.write(Data(ready.utf8))
        let events = try store.count()
        logger.info("""
            \(say("服务 \(location)（\(events) 条事件），地址 \(server.endpoint)；可同时连接 \(files.devices) 台设备（可打开文件数 \(files.soft)）",
                   "serving \(location) (\(events) events) on \(server.endpoint); up to \(files.devices) devices at once (open files: \(files.soft))"))
            """)
        loop.run()
        logger.info("\(say("已停止", "stopped"))")
    }

    /// The listener's security, and the next key to announce (if a rotation is prepared).
    static func channelSecurity(_ security: Security, store: String, listen: Endpoint) throws -> (ChannelSecurity, KeyFingerprint?) {
        let files = ServerTLSFiles(store: store)
        do {
            switch security {
            case .insecurePlaintextLoopback:
                guard listen.isLoopback else { throw AdministrationError.plaintextBeyondLoopback(listen.description) }
                return (.plaintext, nil)
            case .selfSigned:
                return (.tls(try TLSContext(serving: try files.current())), try files.nextIdentity()?.fingerprint)
            case .certificate(let chain, let key):
                return (.tls(try TLSContext(serving: try TLSIdentity.load(keyPath: key, certificatePath: chain))),
                        try files.nextIdentity()?.fingerprint)
            }
        } catch let failure as TLSFailure {
            throw AdministrationError.tls(failure)
        }
    }
}
