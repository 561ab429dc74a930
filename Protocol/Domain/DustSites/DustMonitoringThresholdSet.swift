import Foundation

/// The area from which sites must have online monitoring and video, for a node and below it
/// (Liaocheng 5,000 m²; Zhoucun 10,000 m²).
public struct DustMonitoringThresholdSet: EventPayload, Hashable {
    public static let eventType: EventType = "dust.monitoringThreshold.set"
    public static let schema: UInt16 = 1

    public var node: String
    public var squareMetres: Double

    public init(node: String, squareMetres: Double) {
        self.node = node
        self.squareMetres = squareMetres
    }
}

extension DustMonitoringThresholdSet {
    public static let definition = EventDefinition(
        DustMonitoringThresholdSet.self, chinese: "在线监测面积门槛设置", english: "monitoring threshold set", recorders: .server,
        subject: .defines, example: DustMonitoringThresholdSet(node: "371502", squareMetres: 5_000))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.positive(squareMetres, "squareMetres", max: Check.maxArea)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}
