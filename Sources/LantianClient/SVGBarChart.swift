import Foundation

/// A bar chart as inline SVG: one or more series side by side per label, and an optional
/// horizontal reference line (a limit). Self-contained: no scripts, fonts or network resources.
struct SVGBarChart {
    struct Series {
        var name: String
        var values: [Double]
        var color: String
    }

    var title: String
    var labels: [String]
    var series: [Series]
    var reference: (value: Double, label: String)?
    /// Whether the values are counts (issues, fire points): the axis then steps in whole numbers.
    var counts = false
    /// Label every n-th bar only (a month of days would not fit otherwise).
    var labelEvery = 1
    var width = 640.0
    var height = 260.0

    /// Whether there is anything to draw.
    var isEmpty: Bool { labels.isEmpty || series.allSatisfy { $0.values.allSatisfy { $0 == 0 } } }

    var rendered: String {
        let (left, right, top, bottom) = (44.0, 12.0, 28.0, 56.0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let axis = ChartAxis(peak: max(series.flatMap(\.values).max() ?? 0, reference?.value ?? 0), counts: counts)
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / axis.top) }
        let slot = plotWidth / Double(max(labels.count, 1))
        let bar = min(slot * 0.8 / Double(max(series.count, 1)), 48)
        var svg = [#"<svg viewBox="0 0 \#(width) \#(height)" width="100%" role="img" aria-label="\#(HTML.escape(title))">"#,
                   #"<text x="\#(left)" y="18" class="chart-title">\#(HTML.escape(title))</text>"#,
                   #"<line x1="\#(left)" y1="\#(y(0))" x2="\#(width - right)" y2="\#(y(0))" class="axis"/>"#]
        for value in axis.ticks {
            svg.append(#"<line x1="\#(left)" y1="\#(y(value))" x2="\#(width - right)" y2="\#(y(value))" class="grid"/>"#)
            svg.append(#"<text x="\#(left - 6)" y="\#(y(value) + 4)" class="tick" text-anchor="end">\#(axis.label(value))</text>"#)
        }
        for (index, label) in labels.enumerated() {
            let x = left + slot * Double(index) + (slot - bar * Double(series.count)) / 2
            for (position, entry) in series.enumerated() where index < entry.values.count {
                let value = entry.values[index]
                svg.append(#"<rect x="\#(x + bar * Double(position))" y="\#(y(value))" width="\#(bar * 0.92)" height="\#(y(0) - y(value))" fill="\#(entry.color)"><title>\#(HTML.escape(label)) \#(HTML.escape(entry.name)) \#(Self.number(value))</title></rect>"#)
            }
            if index % max(labelEvery, 1) == 0 {
                svg.append(#"<text x="\#(left + slot * (Double(index) + 0.5))" y="\#(y(0) + 16)" class="label" text-anchor="middle">\#(HTML.escape(label))</text>"#)
            }
        }
        if let reference {
            svg.append(#"<line x1="\#(left)" y1="\#(y(reference.value))" x2="\#(width - right)" y2="\#(y(reference.value))" class="limit"/>"#)
            svg.append(#"<text x="\#(width - right)" y="\#(y(reference.value) - 4)" class="limit-label" text-anchor="end">\#(HTML.escape(reference.label))</text>"#)
        }
        for (position, entry) in series.enumerated() where series.count > 1 {
            let x = left + Double(position) * 120
            svg.append(#"<rect x="\#(x)" y="\#(height - 18)" width="10" height="10" fill="\#(entry.color)"/><text x="\#(x + 14)" y="\#(height - 9)" class="tick">\#(HTML.escape(entry.name))</text>"#)
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    private static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }
}

/// Escaping for text inside HTML and SVG.
enum HTML {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
