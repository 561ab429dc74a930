import Foundation
import LantianDomain

/// A map as inline SVG, drawn from the grid's own boundaries (no tiles, no network): areas shaded
/// by a figure (a choropleth in greys, so it prints in black and white), the area in focus outlined
/// heavily, names in Chinese at each area's middle, and marks in shapes that differ without colour:
/// fire points ▲, open issues ●, closed issues ○.
///
/// Projected equirectangularly with longitude scaled by the cosine of the middle latitude (about
/// 0.80 at Liaocheng's 36.5° N): over a city's extent this keeps shapes and distances true to a
/// few per cent, with no library.
struct SVGMap {
    struct Area {
        var name: String
        var boundary: GeoBoundary
        /// The figure shaded (`nil`: this device holds no data for the area, drawn hatched).
        var value: Int?
        var isFocus = false
    }

    enum MarkKind: CaseIterable {
        case firePoint, openIssue, closedIssue
    }

    struct Mark {
        var location: GeoPoint
        var kind: MarkKind
        var title: String
    }

    var title: String
    /// What the shading counts, for the legend ("本月火点").
    var figure: String
    var areas: [Area]
    var marks: [Mark]
    var texts: Texts
    var width = 640.0

    /// Whether there is anything to draw: at least one area with a boundary.
    var isEmpty: Bool { areas.allSatisfy { $0.boundary.polygons.isEmpty } }

    var rendered: String {
        let say = texts.say
        let positions = areas.flatMap { $0.boundary.polygons.flatMap { $0.flatMap(Self.drawable) } }
        guard let west = positions.map({ $0[0] }).min(), let east = positions.map({ $0[0] }).max(),
              let south = positions.map({ $0[1] }).min(), let north = positions.map({ $0[1] }).max() else { return "" }
        let squeeze = cos((south + north) / 2 * .pi / 180)
        let (margin, legendHeight) = (12.0, 44.0)
        let spanX = max((east - west) * squeeze, 1e-6), spanY = max(north - south, 1e-6)
        let scale = (width - 2 * margin) / spanX
        let mapHeight = min(spanY * scale, 560)
        let fit = min(scale, mapHeight / spanY)
        let height = mapHeight + 2 * margin + legendHeight + 20
        func x(_ longitude: Double) -> Double { margin + (longitude - west) * squeeze * fit }
        func y(_ latitude: Double) -> Double { margin + 20 + (north - latitude) * fit }
        func point(_ position: [Double]) -> String { String(format: "%.1f,%.1f", x(position[0]), y(position[1])) }
        func path(_ boundary: GeoBoundary) -> String {
            boundary.polygons.flatMap { $0 }.map { ring in
                "M" + Self.drawable(ring).map(point).joined(separator: "L") + "Z"
            }.joined()
        }

        let highest = areas.compactMap(\.value).max() ?? 0
        let shades = ["#ffffff", "#ebebeb", "#d2d2d2", "#b4b4b4", "#939393"]  // light enough for the marks to read on the darkest
        func shade(_ value: Int) -> String {
            guard highest > 0, value > 0 else { return shades[0] }
            return shades[min(1 + (value - 1) * (shades.count - 1) / highest, shades.count - 1)]
        }
        var svg = [#"<svg viewBox="0 0 \#(width) \#(String(format: "%.0f", height))" width="100%" role="img" aria-label="\#(HTML.escape(title))">"#,
                   ##"<defs><pattern id="no-data" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#bbb" stroke-width="1.5"/></pattern></defs>"##,
                   #"<text x="\#(margin)" y="16" class="chart-title">\#(HTML.escape(title))</text>"#]
        for area in areas.sorted(by: { !$0.isFocus && $1.isFocus }) where !area.boundary.polygons.isEmpty {
            let fill = area.value.map(shade) ?? "url(#no-data)"
            let stated = area.value.map { "\(self.figure) \($0)" } ?? say("本机无数据", "no data on this device")
            svg.append(#"<path d="\#(path(area.boundary))" fill="\#(fill)" fill-rule="evenodd" class="\#(area.isFocus ? "area focus" : "area")"><title>\#(HTML.escape(area.name))：\#(HTML.escape(stated))</title></path>"#)
        }
        for area in areas where !area.boundary.polygons.isEmpty {
            guard let middle = Self.middle(of: area.boundary) else { continue }
            svg.append(#"<text x="\#(String(format: "%.1f", x(middle.longitude)))" y="\#(String(format: "%.1f", y(middle.latitude)))" class="area-label" text-anchor="middle">\#(HTML.escape(area.name))</text>"#)
        }
        for mark in marks {
            svg.append(Self.symbol(mark.kind, x: x(mark.location.longitude), y: y(mark.location.latitude),
                                   title: "<title>\(HTML.escape(mark.title))</title>"))
        }
        // Legend: the marks, then the shading's steps.
        let legendTop = mapHeight + 2 * margin + 24
        let names: [MarkKind: String] = [.firePoint: say("火点", "fire point"), .openIssue: say("未销号问题", "open issue"),
                                         .closedIssue: say("已销号问题", "closed issue")]
        for (index, kind) in MarkKind.allCases.enumerated() {
            let left = margin + 4 + Double(index) * 110
            svg.append(Self.symbol(kind, x: left, y: legendTop, title: ""))
            svg.append(#"<text x="\#(left + 10)" y="\#(legendTop + 4)" class="tick">\#(HTML.escape(names[kind] ?? ""))</text>"#)
        }
        let steps = highest > 0 ? Array(Set([1, max(highest / 2, 1), highest])).sorted() : [0]
        let shadingTop = legendTop + 16
        svg.append(#"<text x="\#(margin)" y="\#(shadingTop + 10)" class="tick">\#(HTML.escape(figure))：</text>"#)
        for (index, value) in ([0] + steps.filter { $0 > 0 }).enumerated() {
            let left = margin + 90 + Double(index) * 64
            svg.append(##"<rect x="\##(left)" y="\##(shadingTop)" width="14" height="12" fill="\##(shade(value))" stroke="#666" stroke-width="0.5"/><text x="\##(left + 18)" y="\##(shadingTop + 10)" class="tick">\##(value)</text>"##)
        }
        let noData = margin + 90 + Double(steps.filter { $0 > 0 }.count + 1) * 64
        svg.append(##"<rect x="\##(noData)" y="\##(shadingTop)" width="14" height="12" fill="url(#no-data)" stroke="#666" stroke-width="0.5"/><text x="\##(noData + 18)" y="\##(shadingTop + 10)" class="tick">\##(HTML.escape(say("无数据", "no data")))</text>"##)
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// A ring's positions that can be drawn: a finite longitude and latitude each (the grid's
    /// boundaries came from events, so nothing about them is taken on trust).
    private static func drawable(_ ring: [[Double]]) -> [[Double]] {
        ring.filter { $0.count >= 2 && $0[0].isFinite && $0[1].isFinite }
    }

    /// A mark's shape centred on (`x`, `y`): a triangle, a filled or a hollow circle.
    private static func symbol(_ kind: MarkKind, x: Double, y: Double, title: String) -> String {
        switch kind {
        case .firePoint: String(format: #"<path d="M%.1f,%.1fl4,7h-8z" class="mark fire">"#, x, y - 4.5) + title + "</path>"
        case .openIssue: String(format: #"<circle cx="%.1f" cy="%.1f" r="3.5" class="mark open">"#, x, y) + title + "</circle>"
        case .closedIssue: String(format: #"<circle cx="%.1f" cy="%.1f" r="3.5" class="mark closed">"#, x, y) + title + "</circle>"
        }
    }

    /// Where an area's name goes: the middle of the bounding box of its largest outer ring.
    static func middle(of boundary: GeoBoundary) -> GeoPoint? {
        let rings = boundary.polygons.compactMap(\.first)
        guard let largest = rings.max(by: { $0.count < $1.count }) else { return nil }
        let valid = drawable(largest)
        guard let west = valid.map({ $0[0] }).min(), let east = valid.map({ $0[0] }).max(),
              let south = valid.map({ $0[1] }).min(), let north = valid.map({ $0[1] }).max() else { return nil }
        return try? GeoPoint(latitude: (south + north) / 2, longitude: (west + east) / 2)
    }
}
