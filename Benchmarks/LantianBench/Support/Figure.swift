import Foundation

/// One measured figure: a sample per run, summarised as median, min and max.
struct Figure {
    var name: String
    var unit: String
    var samples: [Double]

    var median: Double {
        let sorted = samples.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    var min: Double { samples.min() ?? .nan }
    var max: Double { samples.max() ?? .nan }

    init(_ name: String, unit: String, samples: [Double] = []) {
        self.name = name
        self.unit = unit
        self.samples = samples
    }
}

/// A goal a figure is held to: a ratio to another figure of the same run, or a bound.
struct Goal {
    enum Kind {
        /// At least `times` the other figure's median (both higher-is-better).
        case atLeastTimes(Double, of: Figure)
        /// At most this value (lower-is-better).
        case atMost(Double)
        /// At least this value.
        case atLeast(Double)
    }

    var figure: Figure
    var kind: Kind

    /// The figure's median divided by what it is compared with, for ratio goals.
    var ratio: Double? {
        guard case .atLeastTimes(_, let other) = kind else { return nil }
        return figure.median / other.median
    }

    var isMet: Bool {
        switch kind {
        case .atLeastTimes(let times, _): (ratio ?? 0) >= times
        case .atMost(let bound): figure.median <= bound
        case .atLeast(let bound): figure.median >= bound
        }
    }

    var text: String {
        switch kind {
        case .atLeastTimes(let times, let other): "≥ \(Format.number(times))× \(other.name)"
        case .atMost(let bound): "≤ \(Format.number(bound)) \(figure.unit)"
        case .atLeast(let bound): "≥ \(Format.number(bound)) \(figure.unit)"
        }
    }
}

enum Format {
    /// A number with thousands separators and sensible precision.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if abs(value) >= 100 {
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            formatter.maximumFractionDigits = 0
            return formatter.string(from: NSNumber(value: value.rounded())) ?? "\(Int(value))"
        }
        return abs(value) >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
    }
}

/// The results of one benchmark run, printed as Markdown tables.
struct Results {
    var figures: [Figure] = []
    var goals: [Goal] = []
    var notes: [String] = []

    mutating func add(_ figure: Figure) { figures.append(figure) }

    var markdown: String {
        var lines = ["| Figure | Median | Min | Max | Unit | Runs |", "|---|---:|---:|---:|---|---:|"]
        for figure in figures {
            lines.append("| \(figure.name) | \(Format.number(figure.median)) | \(Format.number(figure.min)) | \(Format.number(figure.max)) | \(figure.unit) | \(figure.samples.count) |")
        }
        lines += ["", "| Goal | Figure (median) | Compared with (median, same run) | Ratio | Met |", "|---|---:|---:|---:|---|"]
        for goal in goals {
            let compared: String
            if case .atLeastTimes(_, let other) = goal.kind { compared = "\(other.name): \(Format.number(other.median)) \(other.unit)" } else { compared = "–" }
            lines.append("| \(goal.figure.name) \(goal.text) | \(Format.number(goal.figure.median)) \(goal.figure.unit) | \(compared) | \(goal.ratio.map { Format.number($0) + "×" } ?? "–") | \(goal.isMet ? "yes" : "**no**") |")
        }
        if !notes.isEmpty { lines += [""] + notes.map { "- \($0)" } }
        return lines.joined(separator: "\n")
    }
}
