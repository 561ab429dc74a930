import Foundation
import LantianDomain

/// A grid described by files: county boundaries as GeoJSON, townships as CSV (`code,name,countyCode`),
/// and optionally village/community cells as CSV (`code,name,townshipCode`).
///
/// Boundaries are converted from `datum` to WGS 84 and rounded to 1e-7° (about 1 cm), so importing
/// the same files again gives exactly the same nodes.
public struct GridFiles: Sendable {
    public var cityCode: String
    public var cityName: String
    public var counties: String
    public var townships: String
    public var cells: String?
    public var datum: Datum

    public init(cityCode: String, cityName: String, counties: String, townships: String, cells: String?, datum: Datum) {
        self.cityCode = cityCode
        self.cityName = cityName
        self.counties = counties
        self.townships = townships
        self.cells = cells
        self.datum = datum
    }

    /// Every node the files describe, parents before children.
    public func nodes() throws(ImportError) -> [GridNodeDefined] {
        var nodes = [GridNodeDefined(code: cityCode, name: cityName, level: .city, parent: nil)]
        nodes += try countyNodes()
        let townships = try children(of: Set(nodes.map(\.code).dropFirst()), path: self.townships, parentColumn: "countyCode", level: .township)
        nodes += townships
        if let cells {
            nodes += try children(of: Set(townships.map(\.code)), path: cells, parentColumn: "townshipCode", level: .cell)
        }
        return nodes
    }

    private func countyNodes() throws(ImportError) -> [GridNodeDefined] {
        guard let data = FileManager.default.contents(atPath: counties) else { throw .unreadable(path: counties) }
        let collection: FeatureCollection
        do { collection = try JSONDecoder().decode(FeatureCollection.self, from: data) } catch {
            throw .notGeoJSON(path: counties, reason: "\(error)")
        }
        guard collection.type == "FeatureCollection" else { throw .notGeoJSON(path: counties, reason: "its type is \(collection.type)") }
        return collection.features.map { feature in
            GridNodeDefined(code: feature.properties.adcode.text, name: feature.properties.name, level: .county, parent: cityCode,
                            boundary: GeoBoundary(polygons: feature.geometry.polygons.map { polygon in
                                polygon.map { ring in ring.map(convert) }
                            }))
        }
    }

    private func convert(_ position: [Double]) -> [Double] {
        guard position.count >= 2 else { return position }
        let converted = datum.toWGS84(latitude: position[1], longitude: position[0])
        func round(_ degrees: Double) -> Double { (degrees * 1e7).rounded() / 1e7 }
        return [round(converted.longitude), round(converted.latitude)]
    }

    private func children(of parents: Set<String>, path: String, parentColumn: String, level: GridLevel) throws(ImportError) -> [GridNodeDefined] {
        let file = try CSVFile(path: path)
        try file.require(["code", "name", parentColumn], format: Phrase("CSV（code,name,\(parentColumn)）", "a CSV of code,name,\(parentColumn)"))
        var problems: [RowProblem] = []
        var nodes: [GridNodeDefined] = []
        var seen: Set<String> = []
        for record in file.records {
            guard let code = record["code"], let name = record["name"], let parent = record[parentColumn] else {
                problems.append(RowProblem(line: record.line, reason: Phrase("code、name 和 \(parentColumn) 都必须填写", "code, name and \(parentColumn) are all required")))
                continue
            }
            guard parents.contains(parent) else {
                problems.append(RowProblem(line: record.line, reason: Phrase("\(parentColumn) \(parent) 不在网格中", "\(parentColumn) \(parent) is not in the grid")))
                continue
            }
            guard seen.insert(code).inserted else {
                problems.append(RowProblem(line: record.line, reason: Phrase("编码 \(code) 出现两次", "code \(code) appears twice")))
                continue
            }
            nodes.append(GridNodeDefined(code: code, name: name, level: level, parent: parent))
        }
        guard problems.isEmpty else { throw .badRows(path: path, problems) }
        return nodes
    }
}

/// The parts of a GeoJSON FeatureCollection of (Multi)Polygons that a grid needs.
private struct FeatureCollection: Decodable {
    var type: String
    var features: [Feature]

    struct Feature: Decodable {
        var properties: Properties
        var geometry: Geometry
    }

    struct Properties: Decodable {
        var adcode: Code
        var name: String
    }

    /// A code written as a number or a string.
    struct Code: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { text = String(number) } else { text = try container.decode(String.self) }
        }
    }

    struct Geometry: Decodable {
        var polygons: [[[[Double]]]]

        private enum CodingKeys: String, CodingKey { case type, coordinates }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "Polygon": polygons = [try container.decode([[[Double]]].self, forKey: .coordinates)]
            case "MultiPolygon": polygons = try container.decode([[[[Double]]]].self, forKey: .coordinates)
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "geometry \(other) is not a polygon")
            }
        }
    }
}
