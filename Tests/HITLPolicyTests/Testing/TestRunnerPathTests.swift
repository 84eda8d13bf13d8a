import Testing
@testable import HITLPolicy

/// A test file's `policy` path, resolved against the test file's folder.
@Suite("Test file policy paths")
struct TestRunnerPathTests {
    @Test func stepsUpAreTakenLexically() {
        #expect(TestRunner.resolve("../payments.yaml", relativeTo: "policies/tests/payments.test.yaml") == "policies/payments.yaml")
        #expect(TestRunner.resolve("../../policies/p.yaml", relativeTo: "fixtures/tests/f.test.yaml") == "policies/p.yaml")
        #expect(TestRunner.resolve("./p.yaml", relativeTo: "a/t.test.yaml") == "a/p.yaml")
        #expect(TestRunner.resolve("/abs/p.yaml", relativeTo: "a/t.test.yaml") == "/abs/p.yaml")
        #expect(TestRunner.resolve("p.yaml", relativeTo: "t.test.yaml") == "p.yaml")
    }

    @Test func stepsAboveTheStartStay() {
        #expect(TestRunner.normalized("../../p.yaml") == "../../p.yaml")
        #expect(TestRunner.normalized("a/../../p.yaml") == "../p.yaml")
        #expect(TestRunner.normalized("/a/../b") == "/b")
        #expect(TestRunner.normalized("a/..") == ".")
    }
}
