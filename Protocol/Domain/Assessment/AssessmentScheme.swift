/// How townships are scored each month (考核, 量化问责: seed 000 §(七); 排名通报: seed 004 §35): the
/// weight of each figure and the grade thresholds. A figure a township has no data for in the month
/// (no issue, no dust-fall reading, no patrol required, no alert) is left out and the others'
/// weights share its place. The weights and thresholds are Lantian's defaults, not the seeds':
/// the seeds ask for quantified, ranked, published assessment and leave the numbers to each county
/// (`lantiand config assessment`).
public struct AssessmentScheme: Codable, Hashable, Sendable {
    /// The figures a township is scored on, each scored 0–100.
    public enum Figure: String, Codable, Hashable, Sendable, CaseIterable {
        /// Issues closed out among all issues (整改率) × 100.
        case rectification
        /// 100 less 20 for every issue past its deadline at the month's end.
        case overdue
        /// 100 less 10 for every fire point of the month, and 10 more for each with no response recorded.
        case fires
        /// 100 at or under the dust-fall limit, less the excess as a share of the limit.
        case dustfall
        /// Patrol coverage (required slot-days covered) × 100.
        case patrols
        /// Places complying during alerts, among those checked, × 100.
        case alerts
    }

    public var weights: [Figure: Double]
    /// The lowest scores of 优秀, 良好 and 合格; below the last, 不合格.
    public var excellent: Double
    public var good: Double
    public var pass: Double

    public init(weights: [Figure: Double], excellent: Double, good: Double, pass: Double) {
        self.weights = weights
        self.excellent = excellent
        self.good = good
        self.pass = pass
    }

    public static let standard = AssessmentScheme(
        weights: [.rectification: 30, .overdue: 20, .fires: 15, .dustfall: 15, .patrols: 10, .alerts: 10],
        excellent: 90, good: 80, pass: 60)

    public func grade(_ score: Double) -> AssessmentGrade {
        score >= excellent ? .excellent : score >= good ? .good : score >= pass ? .pass : .fail
    }
}

/// A township's grade for the month.
public enum AssessmentGrade: String, Codable, Hashable, Sendable, CaseIterable {
    case excellent, good, pass, fail
}

extension AssessmentGrade: NamedValue {
    public func name(in language: Language) -> String {
        switch self {
        case .excellent: language.say("优秀", "excellent")
        case .good: language.say("良好", "good")
        case .pass: language.say("合格", "pass")
        case .fail: language.say("不合格", "fail")
        }
    }
}

extension AssessmentScheme.Figure: NamedValue {
    public func name(in language: Language) -> String {
        switch self {
        case .rectification: language.say("整改率", "rectification")
        case .overdue: language.say("按期整改", "on time")
        case .fires: language.say("秸秆禁烧", "straw burning")
        case .dustfall: language.say("降尘", "dust-fall")
        case .patrols: language.say("巡查覆盖", "patrols")
        case .alerts: language.say("应急减排", "alert compliance")
        }
    }
}

extension AssessmentScheme.Figure: CodingKeyRepresentable {}
