import Foundation
import LantianFiles
import LantianDomain
import LantianSessions
import LantianStore
import LantianSync

/// Everything the client says to a person, in the chosen language.
public struct Texts: Sendable {
    public let language: Language
    /// The terminal's width in columns, which tables fit (`nil`: not a terminal; tables are whole).
    public let columns: Int?

    public init(_ language: Language, columns: Int? = nil) {
        self.language = language
        self.columns = columns
    }

    func say(_ chinese: String, _ english: String) -> String {
        language == .chinese ? chinese : english
    }

    /// A rate as a whole percentage (`0.834` → `83%`), or "—" without one.
    func percent(_ rate: Double?) -> String { rate.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }

    /// `text` with each line wrapped to the terminal's width by display width (Chinese may break
    /// anywhere, English at spaces), continuing under its own indent; whole when not a terminal.
    func fit(_ text: String) -> String {
        guard let columns else { return text }
        return DisplayWidth.wrapLines(text, to: columns) { line in line.prefix { $0 == " " }.count }
    }

    // MARK: Set-up and recording

    public func setUpDone(_ device: LocalDevice) -> String {
        say("本机已设置：设备 \(short(device.id))，用户 \(device.actor)，服务器 \(device.server ?? "未设置")",
            "Device set up: \(short(device.id)), user \(device.actor), server \(device.server ?? "none")")
    }

    public func enrolled(_ report: SyncReport, device: LocalDevice) -> String {
        say("""
            本机已入网：设备 \(short(device.id))，用户 \(report.enrolledAs ?? device.actor)，服务器 \(device.server ?? "")
            设备密钥已保存在本机（仅本人可读）；已同步 \(report.pulled) 条记录（网格、用户）
            """, """
            Device enrolled: \(short(device.id)), user \(report.enrolledAs ?? device.actor), server \(device.server ?? "")
            The device key is kept on this device (readable by you only); \(report.pulled) record(s) synced (grid, users)
            """)
    }

    public func verified(_ audit: StoreAudit) -> String {
        var lines = audit.fileProblems.map { say("✗ 数据文件：\($0)", "✗ the file: \($0)") } + audit.problems.map { problem in
            say("✗ 记录 \(problem.event.map(short) ?? "—")（设备 \(short(problem.device)) 第 \(problem.cseq) 条）：\(problem.reason.chinese)",
                "✗ event \(problem.event.map(short) ?? "—") (device \(short(problem.device)) #\(problem.cseq)): \(problem.reason.english)")
        }
        lines.append(say("核验 \(audit.devices) 台设备、\(audit.events) 条记录、\(audit.signatures) 个签名：",
                          "Checked \(audit.devices) devices, \(audit.events) events, \(audit.signatures) signatures: ")
                     + (audit.isIntact ? say("全部完好", "all intact") : say("发现 \(audit.problems.count + audit.fileProblems.count) 处问题", "\(audit.problems.count + audit.fileProblems.count) problem(s)"))
                     + (audit.unsigned > 0 ? say("；本机 \(audit.unsigned) 条记录待同步时签名", "; \(audit.unsigned) of this device's events are signed when they sync") : ""))
        if !audit.isIntact {
            lines.append(say("损坏的记录不会被签名或上传。运行 lantian repair：保留所有完好的记录，损坏的另行保存并说明原因，然后照常同步。",
                             "Damaged records are never signed or sent. Run lantian repair: it keeps every intact record, sets the damaged ones aside with the reason, and the device syncs on."))
        }
        return lines.joined(separator: "\n")
    }

    public func rebuilt(_ events: Int) -> String {
        say("已从 \(events) 条记录重建查询表", "Rebuilt the tables views read from \(events) record(s)")
    }

    /// What `lantian repair` did, or that there was nothing to do.
    public func repaired(_ report: RepairReport?) -> String {
        guard let report else { return say("本机数据文件完好，无需修复", "This store is sound: nothing to mend") }
        var lines = [say("已修复本机数据文件；损坏的文件保留为 \(report.damagedCopy)", "The store is mended; the damaged file is kept as \(report.damagedCopy)"),
                     say("完好保留 \(report.kept) 条记录", "\(report.kept) record(s) kept as they were")]
        if report.dropped > 0 { lines.append(say("他人损坏的记录 \(report.dropped) 条：下次同步时重新下载", "\(report.dropped) damaged record(s) of other devices: pulled again at the next sync")) }
        if report.restoredFromServer > 0 {
            lines.append(say("本机已上传过的损坏记录 \(report.restoredFromServer) 条：下次同步时从服务器取回", "\(report.restoredFromServer) damaged record(s) of this device the server holds: pulled back at the next sync"))
        }
        if let device = report.newDevice {
            lines.append(say("本机尚未上传的完好记录 \(report.setAside) 条：下次同步时改用新设备标识 \(short(device)) 重新记录并上传",
                             "\(report.setAside) intact record(s) not yet uploaded: recorded again under the new device id \(short(device)) and uploaded at the next sync"))
        }
        if !report.lost.isEmpty {
            lines.append(say("上传前已损坏、无法恢复的记录 \(report.lost.count) 条：见 lantian quarantine；如仍需要，请重新记录",
                             "\(report.lost.count) record(s) damaged before they were uploaded cannot be recovered: see lantian quarantine, and record them again if needed"))
        }
        if report.unreadableRows > 0 {
            lines.append(say("另有 \(report.unreadableRows) 行签名、摘要或照片数据无法读取，已略过", "\(report.unreadableRows) row(s) of signatures, digests or photos could not be read and were left out"))
        }
        lines.append(say("现在运行 lantian sync", "Now run lantian sync"))
        return lines.joined(separator: "\n")
    }

    public func firePointRecorded(_ event: Event, report: FirePointReport, pending: Int, issues: [UUID] = []) -> String {
        let recorded = say("""
            已记录火点 \(short(event.subject))：\(place(report.location))，\(BeijingTime.format(report.observedAt))\(issues.map { "，已上报问题 \(short($0))" }.joined())
            已保存在本机，待同步 \(pending) 条
            """, """
            Fire point \(short(event.subject)) recorded: \(place(report.location)), \(BeijingTime.format(report.observedAt))\(issues.map { "; issue \(short($0)) reported" }.joined())
            Saved on this device; \(pending) event(s) waiting to sync
            """)
        guard report.isReferral, let node = report.node else { return recorded }
        return recorded + "\n" + say("不在您的范围：已移交 \(node) 处置，可用 lantian issue list --mine 跟踪结果",
                                       "Outside your scope: referred to \(node) to handle; follow it with lantian issue list --mine")
    }

    // MARK: Status and sync

    public func status(_ status: Status) -> String {
        let server: String
        switch status.reachability {
        case .reachable?: server = say("\(status.device.server ?? "") — 可连接", "\(status.device.server ?? "") — reachable")
        case .unreachable(let error)?:
            server = say("\(status.device.server ?? "") — 无法连接（\(reason(error))）",
                         "\(status.device.server ?? "") — unreachable (\(reason(error)))")
        case nil: server = status.device.server ?? say("未设置", "not set")
        }
        let lastSync = status.sync.lastSyncAt.map(BeijingTime.format) ?? say("从未同步", "never")
        let rows = [
            [say("设备", "Device"), "\(short(status.device.id)) (\(status.device.actor))"],
            [say("身份", "Role"), status.user.map { "\(name($0.role))，\(status.scopeName ?? "") \($0.scope)" }
                ?? (status.sync.lastSyncAt == nil ? say("尚未同步到（同步后显示）", "not known yet (shown after a sync)")
                    : say("服务器上未登记此用户（请管理员运行 lantiand user add）", "not registered on the server (an administrator runs lantiand user add)"))],
            [say("服务器", "Server"), server],
            [say("待同步", "Waiting to sync"), say("\(status.pending) 条事件", "\(status.pending) event(s)")],
            [say("待上传照片", "Photos waiting"), say("\(status.attachmentsWaiting) 个", "\(status.attachmentsWaiting)")],
            [say("被拒收", "Refused"), status.quarantined == 0 ? say("无", "none")
                : say("\(status.quarantined) 条（lantian quarantine 查看原因）", "\(status.quarantined) (see lantian quarantine)")],
            [say("上次同步", "Last sync"), lastSync],
            [say("服务器标识", "Server epoch"), status.sync.serverEpoch.map { String($0.uuidString.lowercased().prefix(8)) } ?? "—"],
            [say("服务器密钥", "Server key"), serverKey(of: status.device)],
            [say("本机事件", "Events on device"), "\(status.eventCount)"],
        ]
        let width = rows.map { DisplayWidth.of($0[0]) }.max() ?? 0
        return rows.map { $0[0] + String(repeating: " ", count: width - DisplayWidth.of($0[0])) + "  " + $0[1] }
            .joined(separator: "\n")
            + (status.looksDamaged ? "\n" + say("注意：本机数据文件的计数前后不一，可能已损坏。运行 lantian verify 检查，lantian repair 修复。",
                                                 "Note: this store's counts disagree; it may be damaged. Run lantian verify to check, lantian repair to mend it.") : "")
    }

    /// The server's TLS key as this device trusts it, to compare with `lantiand tls show`: the start
    /// of the pinned fingerprint, or the CA bundle that checks it.
    func serverKey(of device: LocalDevice) -> String {
        if let bundle = device.certificateAuthorities { return say("由证书文件核验：\(bundle)", "checked against \(bundle)") }
        guard let pinned = device.serverTLSKey else { return say("尚未记下（下次同步时记下）", "not pinned yet (at the next sync)") }
        let hex = pinned.prefix(8).map { String(format: "%02x", $0) }.joined()
        return "\(hex.prefix(8)) \(hex.suffix(8))…" + (device.serverNextTLSKey == nil ? "" : say("（已记下更换后的密钥）", " (next key pinned too)"))
    }

    public func synced(_ report: SyncReport, server: String) -> String {
        say("同步完成（\(server)）：上传 \(report.pushed) 条，下载 \(report.pulled) 条", "Synced with \(server): \(report.pushed) pushed, \(report.pulled) pulled")
            + (report.attachments == 0 ? "" : say("，照片 \(report.attachments) 个（\(bytes(report.attachmentBytes))）",
                                                  ", \(report.attachments) photo(s) (\(bytes(report.attachmentBytes)))"))
            + (report.rejected == 0 ? "" : say("；服务器拒收 \(report.rejected) 条，见 lantian quarantine", "; \(report.rejected) refused by the server, see lantian quarantine"))
            + (report.returned == 0 ? "" : say("；交还恢复后的服务器 \(report.returned) 条它缺少的记录", "; \(report.returned) record(s) the restored server lacked were returned to it"))
            + (report.refusedOnArrival == 0 ? "" : say("；收到的记录中 \(report.refusedOnArrival) 条不合规则、未保存，见 lantian quarantine",
                                                       "; \(report.refusedOnArrival) received record(s) break the rules and were not stored, see lantian quarantine"))
            + (report.clockSkew.map { $0.isFlagged ? "\n" + clockWarning($0) : "" } ?? "")
            + (report.replacedDevice == nil ? "" : "\n" + say(
                "本机数据文件是旧副本（服务器已有本机更晚的记录）：已取回这些记录，本机其后新记的 \(report.recordedAgain) 条改用新设备标识重新记录并上传，无丢失、无重复。",
                "This store is an older copy (the server holds later records of this device): they were pulled back, and the \(report.recordedAgain) record(s) made on the copy were recorded again under a new device id and pushed; nothing lost, nothing duplicated."))
    }

    /// Tells the user their device's clock is wrong: what they record is kept, its time flagged.
    public func clockWarning(_ skew: ClockSkew) -> String {
        say("注意：本机时钟比服务器\(clockOffset(skew))，请校正手机时间。记录照常保存，但其时间会被标注为存疑。",
            "Warning: this device's clock is \(clockOffset(skew)) the server's. Set the right time: records are kept, but their times are flagged.")
    }

    /// "快 1天2小时" / "1 d 2 h ahead of"; "正常" / "right" within the tolerance.
    public func clockOffset(_ skew: ClockSkew) -> String {
        guard skew.isFlagged else { return say("正常", "right") }
        let minutes = Int64((skew.milliseconds.magnitude + 30_000) / 60_000)
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        let chinese = (days > 0 ? "\(days)天" : "") + (hours > 0 ? "\(hours)小时" : "") + (days == 0 && rest > 0 ? "\(rest)分钟" : "")
        let english = [days > 0 ? "\(days) d" : nil, hours > 0 ? "\(hours) h" : nil, days == 0 && rest > 0 ? "\(rest) min" : nil]
            .compactMap { $0 }.joined(separator: " ")
        return skew.milliseconds > 0 ? say("快\(chinese)", "\(english) ahead of") : say("慢\(chinese)", "\(english) behind")
    }

    /// One line of a sync in progress: events and bytes done of total, and the rate.
    public func rebuildProgress(read: Int, total: Int) -> String {
        say("正在重建查询表（升级后只需一次）：已读 \(read)/\(total) 条记录", "Rebuilding the tables views read (once after an upgrade): \(read)/\(total) records read")
    }

    public func syncProgress(_ progress: SyncProgress, elapsedSeconds: Double) -> String {
        let rate = elapsedSeconds > 0 ? Double(progress.bytesSent + progress.bytesReceived) / elapsedSeconds : 0
        var parts = [
            say("上传 \(progress.pushed)/\(progress.pushTotal) 条", "push \(progress.pushed)/\(progress.pushTotal)"),
            say("下载 \(progress.pulled)/\(max(progress.pullTotal, Int64(progress.pulled))) 条",
                "pull \(progress.pulled)/\(max(progress.pullTotal, Int64(progress.pulled)))"),
        ]
        if progress.attachmentBytesTotal > 0 {
            parts.append(say("照片 \(bytes(progress.attachmentBytesSent))/\(bytes(progress.attachmentBytesTotal))",
                             "photos \(bytes(progress.attachmentBytesSent))/\(bytes(progress.attachmentBytesTotal))"))
        }
        parts.append(say("收发 \(bytes(Int64(progress.bytesSent + progress.bytesReceived)))，\(bytes(Int64(rate)))/秒",
                         "\(bytes(Int64(progress.bytesSent + progress.bytesReceived))) at \(bytes(Int64(rate)))/s"))
        return parts.joined(separator: say("，", ", "))
    }

    /// What `lantian sync --watch` prints as it goes.
    public func watching(_ event: SyncClient.WatchEvent, server: String) -> String {
        switch event {
        case .caughtUp(let report):
            return "\(BeijingTime.format(.now())) " + synced(report, server: server)
        case .disconnected(let error, let delay):
            return "\(BeijingTime.format(.now())) " + say("无法同步（\(reason(error))），\(String(format: "%.1f", Double(delay) / 1000)) 秒后重试",
                                                        "Cannot sync (\(reason(error))), retrying in \(String(format: "%.1f", Double(delay) / 1000)) s")
        }
    }

    func bytes(_ count: Int64) -> String { ByteCount(count).description }

    /// The records refused for good: this device's own, which its server refused, and others'
    /// that this device refused when they arrived; each with its reason in the user's language.
    /// Under a list: how many of this device's records the server refused, which the list leaves out.
    public func refusedNote(_ count: Int) -> String {
        count == 0 ? "" : "\n" + fit(say("另有本机 \(count) 条记录被服务器拒收，不在列表中：lantian quarantine 查看原因",
                                          "\(count) record(s) of this device were refused by the server and are not listed: see lantian quarantine"))
    }

    public func quarantineTable(_ events: [QuarantinedEvent], ownDevice: UUID?) -> String {
        if events.isEmpty { return say("没有被拒收的记录", "Nothing was refused") }
        return TextTable(header: [say("编号", "Id"), say("记录", "Record"), say("时间", "When"), say("原因", "Reason")],
                         rows: events.map { event in
                             let whose = event.device == ownDevice ? "" : say("（他人记录，本机收到时拒收）", " (another device's, refused here on arrival)")
                             return [short(event.id), EventCatalogue.name(of: event.type, in: language) + whose, BeijingTime.format(event.at),
                                     Refusal(wire: event.reason).message(in: language)]
                         }, droppable: [2]).rendered(width: columns)
            + "\n" + fit(say("这些记录不会同步，其余记录照常同步。按原因中的说明处理，需要时记一条新的记录。",
                             "These records do not sync; everything else syncs as usual. Do what each reason says, recording a new record where needed."))
    }

    // MARK: Errors

    /// A message that says what went wrong and what to do about it.
    public func describe(_ error: any Error) -> String {
        (error as? any PresentableError)?.message(in: language) ?? say("出错：\(error)", "Error: \(error)")
    }

    /// The status a command ends with when it meets `error`.
    public static func exitStatus(of error: any Error) -> ExitStatus {
        (error as? any PresentableError)?.exitStatus ?? .failure
    }

    func rowProblem(_ problem: RowProblem) -> String { problem.message(in: language) }

    private func reason(_ error: SyncError) -> String { error.reason(in: language) }

    /// `jar A sample mass` → `A 缸样品质量`.
    /// "36.45120,115.98530", with "（GPS ±17 米）" for a position from a GPS fix.
    func place(_ point: GeoPoint) -> String {
        String(format: "%.5f,%.5f", point.latitude, point.longitude)
            + (point.accuracyMetres.map { say("（GPS ±\(Int($0.rounded())) 米）", " (GPS ±\(Int($0.rounded())) m)") } ?? "")
    }

    func short(_ id: UUID) -> String { Self.shortID(id) }

    /// The last 8 hex digits of an id: what lists show and commands accept.
    public static func shortID(_ id: UUID) -> String { id.shortID }
}

extension Texts {
    /// What users call a record's field.
    func fieldName(_ field: String) -> String { InvalidValue.name(of: field, in: language) }
}
