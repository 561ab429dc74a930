import Foundation
import LantianDomain

/// What the client says about evidence: who added each photo, when, and at which stage.
extension Texts {
    /// The evidence of an issue, step by step, for `issue show`: each photo with the stage it shows,
    /// who added it and when, and whether it has reached the server.
    func evidenceLines(_ ticket: Ticket, arrived: ReceivedAttachments) -> [String] {
        let trail = ticket.evidenceTrail
        guard !trail.isEmpty else { return [] }
        var lines = [say("证据（阶段、添加人、时间；lantian evidence get \(short(ticket.id)) 取回照片）：",
                         "Evidence (stage, who added it, when; lantian evidence get \(short(ticket.id)) fetches the photos):")]
        for (entry, stage) in trail {
            lines.append("  \(stage.name(in: language))  \(entry.actor)  \(BeijingTime.format(entry.at))  \(name(entry.kind))")
            lines += entry.evidence.map { evidence in
                "    \(evidence.fileName) (\(evidence.sha256.prefix(12)))  "
                    + (arrived.hasArrived(evidence) ? say("已送达服务器并校验", "at the server, verified") : say("待上传", "pending upload"))
            }
        }
        return lines
    }

    /// What `lantian evidence get` did: a line per photo, then where they are and what is missing
    /// (a failed connection is said by the command's error).
    public func evidenceFetched(_ fetch: FieldClient.EvidenceFetch) -> String {
        guard !fetch.copies.isEmpty else {
            return say("问题 \(short(fetch.ticket.id)) 没有证据照片", "Issue \(short(fetch.ticket.id)) has no evidence photos")
        }
        let rows = fetch.copies.map { copy in
            [copy.stage.name(in: language), BeijingTime.format(copy.entry.at), copy.entry.actor, name(copy.entry.kind),
             copy.evidence.fileName, outcome(copy.outcome, folder: fetch.directory)]
        }
        let table = TextTable(header: [say("阶段", "Stage"), say("时间", "When"), say("添加人", "Added by"), say("步骤", "Step"),
                                       say("文件", "File"), say("结果", "Result")], rows: rows, droppable: [3, 4])
            .rendered(width: columns)
        let saved = fetch.copies.filter { if case .saved = $0.outcome { true } else { false } }.count
        var lines = [table, fit(say("已保存 \(saved) 张（共 \(fetch.copies.count) 张）到 \(fetch.directory)，均已按 SHA-256 校验",
                                    "\(saved) of \(fetch.copies.count) photo(s) saved in \(fetch.directory), each checked against its SHA-256"))]
        if fetch.copies.contains(where: { $0.outcome == .pending }) {
            lines.append(fit(say("待上传的照片还在拍摄的设备上：该设备同步后再运行本命令",
                                 "Photos pending upload are still on the device that took them: run this again after it syncs")))
        }
        return lines.joined(separator: "\n")
    }

    private func outcome(_ outcome: EvidenceCopy.Outcome, folder: String) -> String {
        switch outcome {
        case .saved(let path): (path as NSString).lastPathComponent
        case .pending: say("尚未上传到服务器", "not at the server yet")
        case .unavailable: say("服务器不提供（不在您的管辖范围或服务器没有）", "the server will not give it (outside your scope, or not held)")
        case .mismatched: say("收到的内容与 SHA-256 不符，已丢弃：请重试", "the bytes did not match the SHA-256 and were discarded: try again")
        case .notFetched: say("未取回（未连上服务器）", "not fetched (no connection)")
        }
    }
}
