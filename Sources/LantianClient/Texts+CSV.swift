import LantianDomain
import LantianFiles

/// Which names a CSV's columns carry: Chinese for people (the default), or the records' own keys
/// (`reportedAt`), stable for systems that join exports (`--header en`).
public enum CSVHeader: String, Sendable, CaseIterable {
    case zh, en
}

/// CSV exports: one column set per kind of record whatever the command, in the record's order;
/// headers as ``CSVHeader`` says (by default the user's language: Chinese, or the keys with
/// `--lang en`), coded values (states, categories, yes/no) named in the user's
/// language (扬尘, 是/否; with `--lang en`, Dust, yes/no) (README, *Exports*).
extension Texts {
    public func csvColumns(header: CSVHeader? = nil) -> CSVColumns {
        let language = language, header = header ?? (language == .chinese ? .zh : .en)
        return CSVColumns(header: { header == .zh ? Self.chineseHeaders[$0] ?? $0 : $0 }, value: { key, value in
            switch value {
            case .bool(let flag): return language == .chinese ? (flag ? "是" : "否") : (flag ? "yes" : "no")
            case .string(let code): return Self.name(of: code, in: key, language: language) ?? code
            case .array(let values):
                return values.map { element in
                    if case .string(let code) = element { return Self.name(of: code, in: key, language: language) ?? code }
                    return element.text
                }.joined(separator: ";")
            default: return value.text
            }
        })
    }

    /// The name of a coded value in the column `key`, if it is one.
    static func name(of code: String, in key: String, language: Language) -> String? {
        func named<Value: NamedValue>(_: Value.Type) -> String? { Value(rawValue: code)?.name(in: language) }
        switch key {
        case "category": return named(InspectionCategory.self)
        case "state": return named(TicketState.self) ?? EnterpriseState(rawValue: code)?.name(in: language)
        case "escalations": return named(TicketStep.Escalation.self)
        case "source": return named(FirePointReport.Source.self)
        case "riskySlot": return named(RiskySlot.self)
        case "kind": return named(DustSiteRegistered.Kind.self)
        case "disposition": return named(Disposition.self)
        case "leadSource": return named(EnterpriseRegistered.LeadSource.self)
        case "closureItems": return named(ClosureItem.self)
        case "role": return named(Role.self)
        default: return nil
        }
    }

    /// Every key the exported records have, in Chinese (`TextsCSVTests` checks none is missing).
    static let chineseHeaders: [String: String] = [
        "id": "编号", "place": "地点", "closedAt": "销号时间", "latitude": "纬度", "longitude": "经度", "node": "网格编码", "observedAt": "发现时间", "note": "备注",
        "reportedBy": "上报人", "device": "设备", "source": "来源", "riskySlot": "高发时段", "extinguishedAt": "扑灭时间",
        "responseMinutes": "处置用时（分钟）", "category": "类别", "title": "标题", "state": "状态", "overdue": "已逾期",
        "reportedAt": "上报时间", "assignee": "整改责任人", "deadline": "整改期限", "reopenCount": "反弹次数", "requestedDeadline": "申请延期至", "extensionCount": "延期次数", "escalations": "升级督办",
        "history": "经过", "conflicts": "冲突", "evidence": "证据", "name": "名称", "address": "地址", "industry": "行业",
        "leadSource": "线索来源", "disposition": "处置方式", "whitelisted": "已列入白名单", "closedDown": "已取缔或搬迁", "closureItems": "两断三清已完成项",
        "signOffs": "已会审签字部门", "resurgences": "复燃次数", "kind": "类型", "areaSquareMetres": "面积（平方米）",
        "onlineMonitoring": "在线监测", "video": "视频监控", "lacksRequiredMonitoring": "缺少必需的监测", "inspections": "检查次数",
        "lastFailedItems": "最近一次不达标项", "station": "监测点", "month": "月份", "dustfall": "降尘（吨/平方公里·30天）",
        "jar": "取值缸", "limit": "限值", "overLimit": "超过限值", "total": "总数", "open": "未销号", "escalated": "已升级督办",
        "openedThisMonth": "本月新增", "closedThisMonth": "本月销号", "rectificationRate": "整改率",
        "medianCloseOutHours": "本月销号用时中位（小时）", "rank": "排名", "code": "编码", "average": "平均值", "yearBefore": "上年同期",
        "yearOnYear": "同比", "banClose": "关停取缔", "relocate": "搬迁", "upgrade": "升级改造", "awaitingDisposition": "待定处置方式",
        "inProgress": "处置中", "perDay": "每日火点数", "medianResponseMinutes": "处置用时中位（分钟）", "item": "检查项",
        "failed": "不达标次数", "inspected": "检查次数", "rate": "不达标率", "cseq": "设备序号", "type": "记录类型", "reason": "原因",
        "rule": "违反的规则", "at": "时间", "user": "用户", "lastSynced": "上次同步", "lastSeen": "上次连接", "waiting": "待上传条数",
        "clockSkewSeconds": "时钟偏差（秒）", "clockFlagged": "时钟异常",
        "officer": "网格员", "startedAt": "开始时间", "endedAt": "结束时间", "hours": "小时", "checkIns": "打卡次数", "finds": "期间上报问题",
        "township": "乡镇（街道）", "required": "应巡时段", "done": "已巡时段", "patrols": "巡查次数", "missedCheckIns": "漏打卡定点", "coverage": "覆盖率",
    ]
}
