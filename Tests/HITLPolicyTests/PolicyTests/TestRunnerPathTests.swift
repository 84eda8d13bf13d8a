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
        #expect(FileTree.normalized("../../p.yaml") == "../../p.yaml")
        #expect(FileTree.normalized("a/../../p.yaml") == "../p.yaml")
        #expect(FileTree.normalized("/a/../b") == "/b")
        #expect(FileTree.normalized("a/..") == ".")
    }

    /// `--generate -o` with no file name trapped (`removeLast` on nothing); the CLI refuses
    /// such names, and the function answers without the file system.
    @Test func generatedFromNoFileDoesNotTrap() {
        for file in ["", ".", "./", "/"] {
            #expect(TestGenerator.relativePath(to: "/a/p.yaml", from: file) == "/a/p.yaml")
            #expect(TestGenerator.relativePath(to: "p.yaml", from: file, base: "/w") == "p.yaml")
        }
        #expect(TestGenerator.relativePath(to: "/w/p.yaml", from: "tests/t.test.yaml", base: "/w") == "../p.yaml")
        #expect(TestGenerator.relativePath(to: "p.yaml", from: "/w/t.test.yaml", base: "/w") == "p.yaml")
    }
}
