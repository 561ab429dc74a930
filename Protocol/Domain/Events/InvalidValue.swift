/// A value breaks a rule: names the field and the rule, so the message can say what to fix.
///
/// ```swift
/// throw InvalidValue(field: "latitude", rule: .outOfRange(min: -90, max: 90))
/// ```
public struct InvalidValue: Error, Hashable, Sendable, Codable {
    public enum Rule: Hashable, Sendable, Codable {
        case outOfRange(min: Double, max: Double)
        case tooLong(maxCharacters: Int)
        /// More items than allowed (evidence, jars, checklist items…).
        case tooMany(max: Int)
        case empty
        /// Not a time in the form `YYYY-MM-DD HH:MM`.
        case invalidTime
        /// A time later than now, or than when its record was made, such as a fire seen tomorrow.
        case inTheFuture
        /// A time that should lie ahead of its record (a deadline) but does not.
        case inThePast
        /// Thresholds that should fall from the best grade to the lowest but do not.
        case notDescending
        /// A time before ``EventBounds/earliest``: no record of this campaign is that old.
        case tooLongAgo
        /// A time further ahead of its record than a deadline can be.
        case tooFarAhead(days: Int)
        /// Zero or negative where only a positive value makes sense (an area, a number of days).
        case mustBePositive
        /// Not an item of the checklist in force.
        case notInChecklist
        /// Not a month in the form `YYYY-MM`, from 2000 on.
        case invalidMonth
        /// A time before the fire was seen.
        case beforeObservation
        /// Not a SHA-256 written as 64 hexadecimal digits.
        case notADigest
        /// Not a 32-byte Ed25519 public key.
        case notAKey
        /// Not a grid code: 1 to 32 letters, digits, `-` or `_`.
        case notAGridCode
        /// Not a checklist item's id: 1 to 64 letters, digits, `-` or `_`.
        case notAnItemID
        /// Not a day of the year in the form `MM-DD`.
        case invalidDay
        /// A risky slot the clock does not decide (before rain, before sowing): no patrol can be required in it.
        case notAClockSlot
        /// The same item twice (a jar label, a department).
        case duplicate
        /// A dust-fall sample that weighs less than its blank: a weighing or typing error.
        case lighterThanBlank
    }

    public var field: String
    public var rule: Rule

    public init(field: String, rule: Rule) {
        self.field = field
        self.rule = rule
    }
}

extension InvalidValue: PresentableError {
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let field = Self.name(of: field, in: language)
        let say = language.say
        switch rule {
        case .outOfRange(let min, let max) where !max.isFinite:
            return say("\(field)超出范围：应不小于 \(Self.number(min))", "\(field) is out of range: it must be at least \(Self.number(min))")
        case .outOfRange(let min, let max):
            return say("\(field)超出范围：应在 \(Self.number(min)) 到 \(Self.number(max)) 之间",
                       "\(field) is out of range: it must be between \(Self.number(min)) and \(Self.number(max))")
        case .tooLong(let max):
            return say("\(field)太长：最多 \(max) 个字符", "\(field) is too long: at most \(max) characters")
        case .tooMany(let max):
            return say("\(field)太多：最多 \(max) 项", "Too many \(field): at most \(max)")
        case .empty:
            return say("\(field)不能为空", "\(field) must not be empty")
        case .notInChecklist:
            return say("“\(field)”不是现行检查表中的项目", "'\(field)' is not an item of the checklist in force")
        case .mustBePositive:
            return say("\(field)必须大于 0", "\(field) must be greater than 0")
        case .lighterThanBlank:
            return say("\(field)小于空白质量，不可能：请核对称量记录；样品确已损坏时标为无效",
                       "\(field) is less than the blank, which cannot be: check the weighing record; mark the jar invalid if the sample was spoiled")
        case .inTheFuture:
            return say("\(field)不能晚于现在（或晚于记录时间）", "\(field) cannot be in the future (or later than when it was recorded)")
        case .notDescending:
            return say("\(field)须从高到低：优秀 ≥ 良好 ≥ 合格", "\(field) must fall from the best grade down: excellent ≥ good ≥ pass")
        case .inThePast:
            return say("\(field)必须晚于记录时间", "\(field) must be later than when it is recorded")
        case .tooLongAgo:
            return say("\(field)早于 2000 年，不可能：检查日期和设备时钟", "\(field) is before 2000, which cannot be: check the date and the device's clock")
        case .tooFarAhead(let days):
            return say("\(field)太远：最多在记录后 \(days) 天内", "\(field) is too far ahead: at most \(days) days after it is recorded")
        case .invalidMonth:
            return say("\(field)格式不对：应为 YYYY-MM（2000 年起），例如 2026-10", "\(field) is not valid: use YYYY-MM (2000 or later), for example 2026-10")
        case .beforeObservation:
            return say("\(field)不能早于发现火点的时间", "\(field) cannot be before the fire was seen")
        case .notAKey:
            return say("\(field)不是 Ed25519 公钥", "\(field) is not an Ed25519 public key")
        case .notADigest:
            return say("\(field)不是 SHA-256 摘要（64 位十六进制）", "\(field) is not a SHA-256 digest (64 hexadecimal digits)")
        case .notAGridCode:
            return say("\(field)不是网格编码（1 到 32 位字母、数字、- 或 _）", "\(field) is not a grid code (1 to 32 letters, digits, - or _)")
        case .notAnItemID:
            return say("\(field)不是检查项编号（1 到 64 位字母、数字、- 或 _）", "\(field) is not a checklist item id (1 to 64 letters, digits, - or _)")
        case .duplicate:
            return say("\(field)重复", "\(field) is given twice")
        case .invalidTime:
            return say("\(field)格式不对：应为 YYYY-MM-DD HH:MM（北京时间），例如 2026-06-01 19:30",
                       "\(field) is not valid: use YYYY-MM-DD HH:MM (Beijing time), for example 2026-06-01 19:30")
        case .invalidDay:
            return say("\(field)中的日期格式不对：应为 MM-DD，例如 09-20", "\(field) has a day that is not valid: use MM-DD, for example 09-20")
        case .notAClockSlot:
            return say("\(field)只能要求按钟点划分的时段（收工时 after-work、上半夜 first-half-of-night），且不重复；下雨前、播种前由人判断",
                       "\(field) may require only the slots the clock decides (after-work, first-half-of-night), each once; before rain and before sowing are for people to judge")
        }
    }

    /// What users call a field, in `language`; a field without a name of its own is shown as it is.
    public static func name(of field: String, in language: Language) -> String {
        let say = language.say
        switch field {
        case "title": return say("标题", "Title")
        case "category": return say("类别", "Category")
        case "result": return say("检查结果（用 --failed 列出不达标项，或 --all-passed）", "The result (list failed items with --failed, or give --all-passed)")
        case "area", "areaSquareMetres", "estimatedAreaSquareMetres", "squareMetres": return say("面积", "Area")
        case "month": return say("月份", "Month")
        case "listLimit": return say("列出个数（--limit）", "How many to list (--limit)")
        case "maxAge": return say("线索时限小时数（--max-age）", "Age limit in hours (--max-age)")
        case "name": return say("名称", "Name")
        case "jar", "jars": return say("降尘缸", "Jar")
        case "latitude": return say("纬度", "Latitude")
        case "longitude": return say("经度", "Longitude")
        case "accuracy": return say("定位精度", "Location accuracy")
        case "note": return say("备注", "Note")
        case "time": return say("时间", "Time")
        case "observedAt": return say("发现时间", "Time seen")
        case "extinguishedAt": return say("扑灭时间", "Time put out")
        case "deadline": return say("整改期限", "Deadline")
        case "user": return say("用户名", "User")
        case "node", "parent", "scope": return say("网格编码", "Grid code")
        case "evidence": return say("证据", "Evidence")
        case "fileName": return say("文件名", "File name")
        case "by": return say("扑火人", "Put out by")
        case "responsible": return say("责任人", "Responsible")
        case "measure": return say("处理措施", "Measure")
        case "address": return say("地址", "Address")
        case "industry": return say("行业", "Industry")
        case "department", "departments": return say("部门", "Department")
        case "assignee": return say("整改人", "Assignee")
        case "station": return say("监测点编码", "Station code")
        case "limit": return say("限值", "Limit")
        case "year": return say("年份", "Year")
        case "items", "results": return say("检查项", "Checklist item")
        case "size": return say("大小", "Size")
        case "reason": return say("原因", "Reason")
        case "boundary": return say("边界", "Boundary")
        case "seasons": return say("巡查季节", "Patrol seasons")
        case "location": return say("位置（用 --here 取本机 GPS，或给出 --lat 和 --lon）", "The location (--here for this device's GPS, or --lat and --lon)")
        case "point": return say("巡查定点", "Patrol point")
        case "measures": return say("减排措施", "Reduction measure")
        case "until": return say("预警结束时间", "When the alert ends")
        case "deadlineHours": return say("整改时限（小时）", "Hours to put right")
        case "level": return say("预警级别", "Alert level")
        case "weights": return say("考核权重", "Assessment weights")
        case "person": return say("被调查人", "The person inquired into")
        case "day": return say("日期（YYYY-MM-DD）", "Day (YYYY-MM-DD)")
        case "means": return say("浓度", "Concentration")
        case "hours": return say("有效小时数（须 20 至 24）", "Valid hours (20 to 24)")
        case "season": return say("秋冬季起始年份", "The season's first year")
        case "pm25": return say("PM2.5 浓度", "PM2.5")
        case "heavyDays": return say("重污染天数", "Heavy-pollution days")
        case "outcome": return say("调查结论（--outcome fulfilled 履职到位 或 neglected 失职）", "The outcome (--outcome fulfilled or neglected)")
        case "thresholds": return say("等次分数线", "Grade thresholds")
        default: return jarField(field, in: language) ?? field
        }
    }

    /// `jar A sample mass` and the like, as ``DustfallJar/validate()`` names them.
    private static func jarField(_ field: String, in language: Language) -> String? {
        let parts = field.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "jar" else { return nil }
        let measure: String
        switch parts[2] {
        case "sample mass": measure = language.say("样品质量", "sample mass")
        case "blank mass": measure = language.say("空白质量", "blank mass")
        case "opening area": measure = language.say("缸口面积", "opening area")
        case "exposure days": measure = language.say("暴露天数", "exposure days")
        default: measure = parts[2]
        }
        return language.say("\(parts[1]) 缸\(measure)", "Jar \(parts[1]) \(measure)")
    }

    /// A number as people write it: whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : String(value)
    }
}
