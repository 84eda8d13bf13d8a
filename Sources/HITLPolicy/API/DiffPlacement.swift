/// Where each region of a `DiffReport` lies, for placing logged actions in them
/// (`diff --traffic`): the data the diff leaves for `DiffTraffic`, which lives in Diff/
/// with the placing itself. It is declared here, beside the report that carries it, so the
/// report does not reach up into Diff/. Each region's box as found, with the capability
/// classes and currency pass it belongs to. The regions span both policies, so they speak
/// in names (tags, attribute paths and values, shell prefixes, capability classes of the
/// two policies together), which `PlacementSide` finds in each policy's table.
package struct DiffPlacement: Sendable {
    struct Box: Sendable {
        var region: TableRegion
        var capabilities: [DiffCapability]
        /// The currency pass: nil for plain amounts (and currencies at an unchanged rate).
        var code: String?
        /// Box amount bounds are in units of `scale` per unit sent (the pass's rates).
        var scale: ExactDecimal
    }

    var boxes: [Box] = []
    var tags: [String] = []
    var attributes: [TableAttribute] = []
    var shells: [TableShell] = []
    /// The old policy's currency: amounts in it, or plain, are in the base pass.
    var currency: String?
    /// Currencies whose rate both policies share, with that rate (the base pass converts).
    var sharedRates: [ByteName: ExactDecimal] = [:]
    /// Each capability class's default reversibility, old and new.
    var defaults: [DiffCapability: [Bool]] = [:]
}
