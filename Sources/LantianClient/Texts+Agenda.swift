import LantianDomain

/// The home screen, what a sync brought, and the next step of an issue.
extension Texts {
    /// What `lantian` alone shows: each duty with how many issues wait, the command to act on it
    /// and the first few; then what waits to sync.
    public func home(_ agenda: Agenda?, status: Status) -> String {
        var lines: [String] = []
        if let user = status.user {
            lines.append("\(user.name)（\(name(user.role))，\(status.scopeName ?? user.scope)）")
        } else {
            lines.append(say("本机还不知道你的负责范围：联网后运行 lantian sync", "This device does not know your scope yet: run lantian sync once online"))
        }
        if let agenda {
            if agenda.isEmpty { lines.append(say("目前没有待办的问题。", "Nothing waits for you now.")) }
            for duty in Agenda.Duty.allCases where !agenda[duty].isEmpty {
                let issues = agenda[duty]
                lines.append(fit("\(name(duty)) \(issues.count) \(say("个", "")) —— \(command(for: duty, example: issues[0]))"))
                lines += issues.prefix(3).map { fit("  \(short($0.id))  \($0.deadline.map { say("期限", "due") + " " + BeijingTime.format($0) } ?? name($0.state))  \($0.title)") }
                if issues.count > 3 { lines.append(say("  …另有 \(issues.count - 3) 个", "  …and \(issues.count - 3) more")) }
            }
        }
        if status.pending > 0 || status.attachmentsWaiting > 0 {
            lines.append(say("待同步 \(status.pending) 条记录、\(status.attachmentsWaiting) 张照片 —— lantian sync",
                             "\(status.pending) record(s) and \(status.attachmentsWaiting) photo(s) to sync —— lantian sync"))
        }
        if status.quarantined > 0 {
            lines.append(say("被服务器拒收 \(status.quarantined) 条 —— lantian quarantine", "\(status.quarantined) refused by the server —— lantian quarantine"))
        }
        lines.append(say("上次同步：", "Last sync: ") + (status.sync.lastSyncAt.map(BeijingTime.format) ?? say("从未", "never")))
        return lines.joined(separator: "\n")
    }

    /// What a sync brought for this user: "2 个问题新交办给您，1 个已逾期", or nothing.
    public func news(_ news: [(duty: Agenda.Duty, issues: [TicketSummary])]) -> String {
        guard !news.isEmpty else { return "" }
        let parts = news.map { "\(newName($0.duty)) \($0.issues.count) \(say("个", ""))" }
        return "\n" + fit(say("新到：", "New for you: ") + parts.joined(separator: say("，", ", ")) + say("。运行 lantian 查看", ". Run lantian to see them"))
    }

    /// "下一步：乡镇工作人员 开始整改（lantian issue start 4b20d633）".
    func nextStep(of ticket: Ticket) -> String? {
        let steps = TicketWorkflow.nextSteps(of: ticket)
        guard !steps.isEmpty else { return nil }
        return say("下一步：", "Next: ") + steps.map { kind in
            let who = TicketWorkflow.roles(for: kind).map(name).sorted().joined(separator: say("或", " or "))
            return "\(who) \(name(kind))（lantian \(command(for: kind, id: short(ticket.id)))）"
        }.joined(separator: say("；或 ", "; or "))
    }

    private func name(_ duty: Agenda.Duty) -> String {
        switch duty {
        case .overdue: say("逾期", "Overdue")
        case .dueSoon: say("3 天内到期", "Due within 3 days")
        case .toAssign: say("待交办", "To assign")
        case .toStart: say("交办给您、待开始整改", "Assigned to you, to start")
        case .toReport: say("您整改中、完成后报告", "You are rectifying; report when done")
        case .toVerify: say("待您现场核查", "To verify on site")
        case .toDecideExtension: say("待您审批延期", "Extensions to decide")
        case .toTransfer: say("所在网格已撤销、待转办", "At a retired grid node, to transfer")
        case .myReports: say("您上报、未销号", "Reported by you, not closed out")
        }
    }

    private func newName(_ duty: Agenda.Duty) -> String {
        switch duty {
        case .overdue: say("新逾期", "newly overdue")
        case .dueSoon: say("3 天内到期", "due within 3 days")
        case .toAssign: say("待交办", "to assign")
        case .toStart: say("新交办给您", "newly assigned to you")
        case .toReport: say("整改中", "being rectified")
        case .toVerify: say("待您核查", "to verify")
        case .toDecideExtension: say("延期待您审批", "extensions to decide")
        case .toTransfer: say("网格撤销待转办", "to transfer from a retired node")
        case .myReports: say("您上报的有进展", "your reports moved on")
        }
    }

    private func command(for duty: Agenda.Duty, example issue: TicketSummary) -> String {
        let id = short(issue.id)
        switch duty {
        case .overdue: return "lantian issue list --overdue"
        case .dueSoon: return "lantian issue list --sort deadline"
        case .toAssign: return "lantian " + command(for: .assigned, id: id)
        case .toStart: return "lantian " + command(for: .rectificationStarted, id: id)
        case .toReport: return "lantian " + command(for: .rectificationReported, id: id)
        case .toVerify: return "lantian " + command(for: .verified, id: id)
        case .toDecideExtension: return "lantian " + command(for: .extensionGranted, id: id)
        case .toTransfer: return "lantian " + command(for: .transferred, id: id)
        case .myReports: return "lantian issue list --mine"
        }
    }

    /// The command that takes `kind` on the issue `id`.
    private func command(for kind: TicketStep.Kind, id: String) -> String {
        switch kind {
        case .assigned: "issue assign \(id) --to \(say("用户名", "USER")) --deadline \"YYYY-MM-DD HH:MM\""
        case .rectificationStarted: "issue start \(id)"
        case .rectificationReported: "issue rectified \(id) --photo \(say("整改后.jpg", "after.jpg"))"
        case .verified: "issue verify \(id)"
        case .verificationFailed: "issue reject \(id) --note \(say("原因", "WHY"))"
        case .reopened: "issue reopen \(id)"
        case .escalated: "issue escalate \(id) --level interview"
        case .evidenceAdded: "issue evidence \(id) --photo \(say("照片.jpg", "photo.jpg"))"
        case .extensionRequested: "issue extend \(id) --deadline \"YYYY-MM-DD HH:MM\" --note \(say("原因", "WHY"))"
        case .extensionGranted: "issue extension \(id) --grant"
        case .extensionRefused: "issue extension \(id) --refuse --note \(say("原因", "WHY"))"
        case .transferred: "issue transfer \(id) --to \(say("网格编码", "NODE")) --note \(say("原因", "WHY"))"
        }
    }
}
