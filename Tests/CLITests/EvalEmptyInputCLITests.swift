import Foundation
import Testing

/// `eval` on input with no action (as docs/commands.md says): nothing written; status 0,
/// or 5 with `--exit-code` (nothing was decided, so nothing may go ahead).
@Suite("eval: input with no action")
struct EvalEmptyInputCLITests {
    @Test(arguments: ["", "\n", "  \r\n\t\n", "\u{FEFF}\n"])
    func noActionDecidesNothing(_ input: String) throws {
        let plain = try CLI.run(["eval", "--policy", "policies/payments.yaml", "-"], stdin: input)
        #expect(plain.status == 0 && plain.stdout.isEmpty && plain.stderr.isEmpty)
        let coded = try CLI.run(["eval", "--policy", "policies/payments.yaml", "--exit-code", "-"], stdin: input)
        #expect(coded.status == 5 && coded.stdout.isEmpty && coded.stderr.isEmpty)
    }
}
