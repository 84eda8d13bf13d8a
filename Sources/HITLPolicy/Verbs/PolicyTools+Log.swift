extension PolicyTools {
    /// `hitl-policy log verify`: reads the decision log on `fd` to its end and checks its
    /// hash chain and every record; the report names the first broken line, if any. Fails
    /// only when the log cannot be read.
    package static func verifyLog(fd: Int32) -> Result<DecisionLogVerifier.Report, DecisionLog.Failure> {
        DecisionLogVerifier.verify(fd: fd)
    }
}
