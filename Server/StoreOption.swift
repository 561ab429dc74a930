import ArgumentParser
import LantianServer

/// `--db` (and `--node-copy`), as every command that works on the server's record takes them.
struct StoreOption: ParsableArguments {
    @Option(help: "服务器数据文件（SQLite），或多节点共用的 PostgreSQL 数据库 postgresql://…。The server's SQLite file, or a PostgreSQL database several nodes share, postgresql://….")
    var db: String

    @Option(help: "使用 PostgreSQL 时本节点的副本文件（SQLite；服务器密钥与 TLS 密钥放在它旁边）。With PostgreSQL: this node's copy (SQLite; the server key and TLS keys sit next to it).")
    var nodeCopy: String = StoreLocation.defaultNodeCopy

    var location: StoreLocation { StoreLocation(db: db, nodeCopy: nodeCopy) }
}
