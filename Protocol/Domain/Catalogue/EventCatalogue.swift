import Foundation

/// Every event type Lantian knows: one line each, in the order EVENTS.md lists them. Adding a type
/// is its payload's file (with its ``EventDefinition``) and one line here.
public enum EventCatalogue {
    public static let all: [EventDefinition] = [
        // Straw burning
        FirePointReport.definition,
        FireResponseRecorded.definition,
        FireAccountabilityRecorded.definition,
        // The issue workflow
        TicketReported.definition,
    ] + TicketStep.Kind.allCases.map(TicketStep.definition) + [
        // Scattered-polluting enterprises
        EnterpriseRegistered.definition,
    ] + EnterpriseStep.Kind.allCases.map(EnterpriseStep.definition) + [
        // Dust sites and dust-fall
        DustSiteRegistered.definition,
        DustSiteInspected.definition,
        DustfallStationRegistered.definition,
        DustfallReadingRecorded.definition,
        // Patrols
        PatrolPointDefined.definition,
        PatrolStarted.definition,
        PatrolCheckedIn.definition,
        PatrolEnded.definition,
        // Heavy-pollution alerts
        ReductionListed.definition,
        ReductionListed.revision,
        AlertDeclared.definition,
        AlertLifted.definition,
        AlertCheckRecorded.definition,
        // Assessment
        FalsificationFound.definition,
        InquiryOpened.definition,
    ] + InquiryStep.Kind.allCases.map(InquiryStep.definition) + [
        // Air quality
        AirDailyRecorded.definition,
        // What only the server records
        GridNodeDefined.definition,
        UserRegistered.definition,
        DeviceEnrolled.definition,
        DeviceRevoked.definition,
        DeviceSyncReported.definition,
        AttachmentReceived.definition,
        DustChecklistDefined.definition,
        DustMonitoringThresholdSet.definition,
        DustfallLimitSet.definition,
        SignOffDepartmentsDefined.definition,
        PatrolSeasonsDefined.definition,
        AssessmentSchemeDefined.definition,
        AirTargetSet.definition,
    ]

    private static let byType = Dictionary(all.map { ($0.type, $0) }) { first, _ in first }

    public static func definition(of type: EventType) -> EventDefinition? { byType[type] }

    /// What users call events of `type`; a type this build does not know is shown as it is.
    public static func name(of type: EventType, in language: Language) -> String {
        byType[type]?.name(in: language) ?? type.rawValue
    }

    /// The types only the server records.
    public static let serverOnly = Set(all.filter { $0.recorders == .server }.map(\.type))

    /// The types that start their subject.
    public static let startingTypes = Set(all.filter { $0.subject == .starts }.map(\.type))
}
