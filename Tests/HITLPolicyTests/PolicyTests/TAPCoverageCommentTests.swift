import Testing
@testable import HITLPolicy

/// The coverage report in TAP is comment lines: whatever a policy path or rule name holds
/// (a line break, a carriage return), no line of it can be read as a test point or a plan.
@Suite("TAP coverage comments")
struct TAPCoverageCommentTests {
    @Test func everyLineIsAComment() {
        let text = "\ncoverage of a\nok 9 - b.yaml: 1/2 rows\r\nnot ok 10\r1..3\n\n  indented\n"
        #expect(TestTAPReporter.comment(text) == "# coverage of a\n# ok 9 - b.yaml: 1/2 rows\n# not ok 10\n# 1..3\n#\n#   indented\n")
    }

    @Test func lastLineWithoutBreakIsKept() {
        #expect(TestTAPReporter.comment("one\ntwo") == "# one\n# two\n")
    }
}
