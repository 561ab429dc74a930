import Foundation
import LantianDomain
import LantianTransport
import LantianStore

/// What `lantiand` says to the administrator, in the terminal's language.
public struct AdministrationTexts: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    private func say(_ chinese: String, _ english: String) -> String { language.say(chinese, english) }

    public func userAdded(_ name: String, role: Role, scope: String) -> String {
        say("用户 \(name)：\(role.name(in: language))，负责 \(scope)", "User \(name): \(role.name(in: language)), answering for \(scope)")
    }

    /// One line per user: name, role, scope, tab-separated for scripts.
    public func userRow(_ user: UserRegistered) -> String {
        "\(user.name)\t\(user.role.rawValue)\t\(user.scope)"
    }

    public func gridImported(_ report: GridImportReport) -> String {
        let counts = GridLevel.allCases.compactMap { level in report.levels[level].map { (level, $0) } }
        let chinese = counts.map { "\($0.0.name(in: .chinese)) \($0.1) 个" }, english = counts.map { "\($0.1) \($0.0.rawValue)" }
        let summary = say("网格：\(chinese.joined(separator: "，"))；新定义或更名 \(report.defined.count) 个，未变 \(report.unchanged) 个",
                          "Grid: \(english.joined(separator: ", ")); \(report.defined.count) defined, \(report.unchanged) unchanged")
        guard !report.retired.isEmpty else { return summary }
        let codes = report.retired.joined(separator: "、")
        return summary + "\n" + say("文件中已没有的 \(report.retired.count) 个撤销（\(codes)）：保留其记录，不再接收新记录；其上未结的问题须转办（lantian issue transfer）",
                                     "\(report.retired.count) node(s) no longer in the files retired (\(codes)): their records are kept, they take no new ones; their open issues are to be transferred (lantian issue transfer)")
    }

    public func nodeDefined(code: String, name: String, level: GridLevel) -> String {
        say("网格节点 \(code) \(name)（\(level.name(in: language))）", "Grid node \(code) \(name) (\(level.name(in: language)))")
    }

    /// The grid as an indented tree, one node per line.
    public func tree(_ grid: Grid) -> String {
        var lines: [String] = []
        func show(_ node: GridNodeDefined, depth: Int) {
            lines.append(String(repeating: "  ", count: depth) + "\(node.code) \(node.name)")
            for child in grid.children(of: node.code) { show(child, depth: depth + 1) }
        }
        for root in grid.nodes.values.filter({ $0.parent == nil }).sorted(by: { $0.code < $1.code }) { show(root, depth: 0) }
        return lines.joined(separator: "\n")
    }

    public func settingMade(_ setting: LocalSetting, node: String) -> String {
        say("已为 \(node) 及其下级设置 \(setting.name)", "\(setting.name) set for \(node) and below")
    }

    /// The code on the first line's end, for scripts: `… CODE`.
    public func enrolmentCode(_ code: EnrolmentCode, for user: String, expiresAt: Timestamp) -> String {
        """
        入网码 enrolment code for \(user): \(code)
        \(say("有效至 \(BeijingTime.format(expiresAt))（北京时间），只能用一次；后两组核对服务器身份，须一并给出",
               "Valid until \(BeijingTime.format(expiresAt)) (Beijing time), once; the last two groups check the server's identity and must be given too"))
        \(say("在终端上运行：lantian enroll --server 主机:端口 --code \(code)", "On the device: lantian enroll --server HOST:PORT --code \(code)"))
        """
    }

    /// The server's TLS keys: what `lantiand tls show` prints.
    public func tlsKeys(current: KeyFingerprint, next: KeyFingerprint?, files: ServerTLSFiles) -> String {
        var lines = [
            say("当前 TLS 密钥 SHA-256：\(current)", "Current TLS key SHA-256: \(current)"),
            say("入网码后两组（服务器指纹）：\(ServerKeyPin(fingerprint: current.bytes))", "Enrolment codes end with (the server's pin): \(ServerKeyPin(fingerprint: current.bytes))"),
            say("证书：\(files.current.certificate)", "Certificate: \(files.current.certificate)"),
        ]
        if let next {
            lines.append(say("待启用的新密钥 SHA-256：\(next)（终端同步时记下它；多数终端同步后运行 lantiand tls promote）",
                             "Next TLS key SHA-256: \(next) (devices pin it when they sync; run lantiand tls promote once most have)"))
        }
        return lines.joined(separator: "\n")
    }

    /// One line per device: id, user, when enrolled, whether revoked, tab-separated.
    public func deviceRow(_ device: DeviceKeys.Device) -> String {
        let state = device.revocation.map { say("已吊销 \(BeijingTime.format($0.at))：\($0.reason)", "revoked \(BeijingTime.format($0.at)): \($0.reason)") }
            ?? say("有效", "active")
        return "\(device.enrolment.device.uuidString.lowercased())\t\(device.enrolment.user)\t"
            + say("入网 ", "enrolled ") + "\(BeijingTime.format(device.enrolledAt))\t\(state)"
    }

    public func revoked(_ device: DeviceKeys.Device) -> String {
        say("已吊销 \(device.enrolment.user) 的设备 \(device.enrolment.device.uuidString.lowercased())：下次连接起即被拒绝，已接收的记录仍然有效",
            "Revoked device \(device.enrolment.device.uuidString.lowercased()) of \(device.enrolment.user): refused from its next connection; what it recorded stays valid")
    }

    public func verified(_ audit: StoreAudit) -> String {
        let problems = audit.problems.map { problem in
            say("✗ 记录 \(problem.event.map { $0.uuidString.lowercased() } ?? "—")（设备 \(problem.device.uuidString.lowercased()) 第 \(problem.cseq) 条）：\(problem.reason.chinese)",
                "✗ event \(problem.event.map { $0.uuidString.lowercased() } ?? "—") (device \(problem.device.uuidString.lowercased()) #\(problem.cseq)): \(problem.reason.english)")
        }
        let summary = say("核验 \(audit.devices) 台设备、\(audit.events) 条记录、\(audit.signatures) 个签名：", "\(audit.devices) devices, \(audit.events) events, \(audit.signatures) signatures checked: ")
            + (audit.problems.isEmpty ? say("全部完好", "all intact") : say("发现 \(audit.problems.count) 处问题", "\(audit.problems.count) problem(s)"))
        return (problems + [summary]).joined(separator: "\n")
    }

    public func migrated(_ report: Migration.Report, from file: String, to location: StoreLocation) -> String {
        verified(report.audit) + "\n" + say(
            "已将 \(file) 的 \(report.events) 条记录（另有 \(report.quarantined) 条隔离记录）迁入 \(location.description)，共 \(report.changesets) 批变更，并已从数据库读回逐条核对。本节点副本为 \(report.nodeCopy)，服务器密钥与 TLS 密钥在其旁边：复制到每个节点。停止旧服务器，用 lantiand serve --db 数据库地址 启动各节点。",
            "Moved \(report.events) events (and \(report.quarantined) quarantined) of \(file) into \(location.description) as \(report.changesets) changesets, read back from the database and checked one by one. This node's copy is \(report.nodeCopy), with the server key and TLS keys beside it: copy them to every node. Stop the old server and start each node with lantiand serve --db DATABASE.")
    }

    public func rebuilt(_ events: Int) -> String {
        say("已从 \(events) 条记录重建查询表", "Rebuilt the tables the server reads from \(events) event(s)")
    }

    public func backedUp(_ backup: Maintenance.Backup, from store: String, to path: String) -> String {
        say("已将 \(store) 的 \(backup.events) 条记录备份到 \(path)，服务器密钥备份到 \(backup.keyPath)：两者都须保密",
            "Backed up \(backup.events) events of \(store) to \(path), and the server key to \(backup.keyPath): keep both secret")
    }

    /// What to do about a damaged server store: the field client's `lantian repair` is not the
    /// server's remedy, a restore from the last backup is. `nil` for any other error.
    public func damagedStore(_ error: any Error) -> String? {
        guard let error = error as? StoreError else { return nil }
        let detail: String
        switch error {
        case .damaged(let found): detail = found
        case .corruptEvent(let id, let found): detail = "\(id?.shortID ?? "?")：\(found)"
        default: return nil
        }
        return say("服务器数据文件已损坏（\(detail)）。停止 lantiand，用 lantiand restore --from 最近的备份 --db 新文件 恢复，再用新文件启动；"
                   + "各终端下次同步时会交回备份之后的记录。损坏的文件请保留，不要删除。",
                   "The server's store is damaged (\(detail)). Stop lantiand, restore the latest backup with lantiand restore --from BACKUP --db NEW, "
                   + "and serve the new file; every device returns what came after the backup at its next sync. Keep the damaged file; do not delete it.")
    }

    public func restored(from backup: String, into store: String, epoch: UUID) -> String {
        say("已将 \(backup) 恢复为 \(store)，新纪元 \(epoch.uuidString.lowercased())：各终端下次同步时会重新下载并交回服务器缺少的记录",
            "Restored \(backup) into \(store) under epoch \(epoch.uuidString.lowercased()): every device pulls again at its next sync and returns what the server lacks")
    }
}
