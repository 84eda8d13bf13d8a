import Foundation
import Testing

/// The Python of a virtual environment with the official MCP SDK (PyPI `mcp` 2.x):
/// `$HITL_POLICY_MCP_PYTHON`, else `.venv-mcp/bin/python` in the repository (`.ci/run` makes
/// it: `python3 -m venv .venv-mcp && .venv-mcp/bin/pip install mcp`).
enum MCPSDK {
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["HITL_POLICY_MCP_PYTHON"],
                          CLI.root.appendingPathComponent(".venv-mcp/bin/python").path].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let missing = "the MCP Python SDK is missing; make it with `python3 -m venv .venv-mcp && .venv-mcp/bin/pip install mcp` (or set HITL_POLICY_MCP_PYTHON)"

    /// Runs fixtures/mcp/client.py (the SDK's client) with `steps`, its server being the
    /// gateway (with `gateway` options) in front of fixtures/mcp/server.py (the SDK's server);
    /// the client's JSON lines.
    static func session(_ steps: [String], elicit: String = "none", gateway: [String] = []) throws -> (lines: [[String: Any]], result: CLI.Result) {
        guard let python else { throw Prerequisite.Missing(description: missing) }
        let r = try CLI.run(["fixtures/mcp/client.py", "--elicit", elicit] + steps + ["--", CLI.executable.path, "mcp",
                             "--policy", "fixtures/mcp/policy.yaml", "--prefix", "mcp__payments__"] + gateway
                            + ["--", python, "fixtures/mcp/server.py"],
                            executable: URL(fileURLWithPath: python))
        let lines = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        return (lines, r)
    }

    static func temporaryLog() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hitl-mcp-\(UUID().uuidString).log").path
    }
}

/// `hitl-policy mcp` between the official MCP Python SDK's client and a server built with it
/// (SPEC §11): forwarding, refusals, elicited approvals, --hide-disabled, --monitor, the log.
@Suite("mcp gateway (MCP Python SDK)", .enabled(if: MCPSDK.python != nil, Comment(rawValue: MCPSDK.missing)))
struct MCPGatewayCLITests {
    func call(_ lines: [[String: Any]], _ name: String) -> (isError: Bool, text: String)? {
        guard let l = lines.first(where: { $0["call"] as? String == name }) else { return nil }
        return (l["isError"] as? Bool ?? false, l["text"] as? String ?? "")
    }

    @Test func forwardsAutonomousAndRefusesDisabledAndInvalid() throws {
        let (lines, r) = try MCPSDK.session([
            #"call:lookup:{"customer":"c-7"}"#,
            #"call:delete_account:{"customer":"c-7"}"#,
            #"call:create_refund:{"amount":500,"currency":"GBP"}"#,
            #"call:create_refund:{"amount":500,"currency":"XYZ"}"#,
            #"call:create_refund:{"amount":5000,"currency":"USD"}"#,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(lines.count == 5, "\(r.stdout)\(r.stderr)")
        #expect(lines[0]["isError"] as? Bool == false && (lines[0]["text"] as? String)?.contains("customer c-7: active") == true)
        #expect(lines[1]["isError"] as? Bool == true && (lines[1]["text"] as? String)?.contains("delete_account is disabled") == true)
        #expect(lines[2]["isError"] as? Bool == true && (lines[2]["text"] as? String)?.contains("unknown currency \"GBP\"") == true)
        #expect(lines[3]["isError"] as? Bool == true && (lines[3]["text"] as? String)?.contains("invalid action") == true)
        // 50.00 USD is under every threshold: forwarded.
        #expect(lines[4]["isError"] as? Bool == false && (lines[4]["text"] as? String)?.contains("refunded 5000 USD") == true)
    }

    @Test func approvalWithoutElicitationIsRefusedWithTheApprovers() throws {
        let (lines, _) = try MCPSDK.session([#"call:create_refund:{"amount":600000,"currency":"USD"}"#])
        let c = call(lines, "create_refund")
        #expect(c?.isError == true)
        #expect(c?.text.contains("finance (2 of finance-leads, cfo, within 1h)") == true, "\(c?.text ?? "")")
    }

    @Test(arguments: [("accept", false, "approved"), ("reject", true, "rejected"), ("decline", true, "rejected"), ("cancel", true, "rejected")])
    func elicitation(answer: String, refused: Bool, outcome: String) throws {
        let log = MCPSDK.temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        let (lines, r) = try MCPSDK.session([#"call:create_refund:{"amount":25000,"currency":"USD"}"#, #"call:lookup:{"customer":"c"}"#],
                                            elicit: answer, gateway: ["--log", log])
        let asked = lines.first { $0["elicited"] != nil }
        let message = asked?["elicited"] as? String ?? ""
        #expect(message.contains("mcp__payments__create_refund") && message.contains("support (support-leads, within 30m)")
                && message.contains("capabilities.refund.spend[0]"), "\(r.stdout)\(r.stderr)")
        let schema = asked?["schema"] as? [String: Any]
        #expect((schema?["properties"] as? [String: Any])?.keys.sorted() == ["approve"])
        let c = call(lines, "create_refund")
        #expect(c?.isError == refused, "\(r.stdout)")
        #expect(refused ? c?.text.contains("not approved") == true : c?.text.contains("refunded 25000 USD") == true)
        #expect(call(lines, "lookup")?.isError == false)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("\"review\":\"pre\",\"outcome\":\"\(outcome)\""), "\(text)")
        let verify = try CLI.run(["log", "verify", log])
        #expect(verify.status == 0 && verify.stdout.contains("(2 decisions, 1 review)"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test func unansweredApprovalExpires() throws {
        let log = MCPSDK.temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        let (lines, r) = try MCPSDK.session([#"call:create_refund:{"amount":25000,"currency":"USD"}"#],
                                            elicit: "sleep", gateway: ["--log", log, "--approval-timeout", "1"])
        let c = call(lines, "create_refund")
        #expect(c?.isError == true && c?.text.contains("no answer within 1 seconds") == true, "\(r.stdout)\(r.stderr)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("\"outcome\":\"expired\""))
    }

    @Test func approvalDenyNeverAsks() throws {
        let (lines, _) = try MCPSDK.session([#"call:create_refund:{"amount":25000,"currency":"USD"}"#], elicit: "accept",
                                            gateway: ["--approval", "deny"])
        #expect(!lines.contains { $0["elicited"] != nil })
        #expect(call(lines, "create_refund")?.isError == true)
    }

    @Test func hideDisabledDropsDisabledTools() throws {
        let (hidden, _) = try MCPSDK.session(["list"], gateway: ["--hide-disabled"])
        #expect(hidden.first?["tools"] as? [String] == ["lookup", "create_refund", "exit_server"])
        let (all, _) = try MCPSDK.session(["list"])
        #expect(all.first?["tools"] as? [String] == ["lookup", "create_refund", "delete_account", "exit_server"])
    }

    @Test func monitorForwardsEveryCallAndLogsIt() throws {
        let log = MCPSDK.temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        let (lines, r) = try MCPSDK.session([#"call:delete_account:{"customer":"c-7"}"#], gateway: ["--monitor", "--log", log, "--log-args", "none"])
        #expect(call(lines, "delete_account")?.isError == false && call(lines, "delete_account")?.text == "deleted c-7", "\(r.stdout)\(r.stderr)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("\"source\":\"mcp\"") && text.contains("\"decision\":\"disabled\"") && !text.contains("\"args\""), "\(text)")
        #expect(try CLI.run(["log", "verify", log]).status == 0)
    }

    @Test func initWritesAPolicyThatLintsClean() throws {
        guard let python = MCPSDK.python else { return }
        let r = try CLI.run(["mcp", "init", "--prefix", "mcp__payments__", "--", python, "fixtures/mcp/server.py"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"lookup\": autonomous    # readOnlyHint: true"))
        #expect(r.stdout.contains("\"delete_account\": approval    # destructiveHint: true"))
        #expect(r.stdout.contains("\"create_refund\": approval"))
        #expect(r.stdout.contains("\"mcp__payments__exit_server\": {capability: \"exit_server\"}"))
        #expect(r.stdout.contains("hints the server gives about itself"))
        let lint = try CLI.run(["lint", "--strict", "-"], stdin: r.stdout)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
    }
}

/// The gateway's robustness, with plain servers (python3 and sh, no SDK).
@Suite("mcp gateway robustness")
struct MCPGatewayRobustnessCLITests {
    static let gateway = ["mcp", "--policy", "fixtures/mcp/policy.yaml", "--prefix", "mcp__payments__", "--"]

    @Test func malformedClientMessagesAreAnsweredAndNeverForwarded() throws {
        let input = [
            "not json",
            #"{"jsonrpc":"2.0","id":7,"method":"tools/list","id":8}"#,
            #"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#,
            #"{"id":9,"method":"tools/list"}"#,
            #"{"jsonrpc":"2.0","id":10}"#,
            #"{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"arguments":{}}}"#,
            #"{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"lookup","arguments":[1]}}"#,
            "",
            #"{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"lookup","arguments":{"customer":"c"}}}"#,
        ].joined(separator: "\n") + "\n"
        let r = try CLI.run(Self.gateway + ["python3", "fixtures/mcp/tiny_server.py"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 8, "\(r.stdout)")
        #expect(lines[0].contains(#""id":null,"error":{"code":-32700"#))
        #expect(lines[1].contains(#""id":null,"error":{"code":-32700"#), "duplicate keys are no JSON-RPC message")
        #expect(lines[2].contains(#""id":null,"error":{"code":-32600"#))
        #expect(lines[3].contains(#""id":9,"error":{"code":-32600"#))
        #expect(lines[4].contains(#""id":10,"error":{"code":-32600"#))
        #expect(lines[5].contains(#""id":11,"error":{"code":-32602"#))
        #expect(lines[6].contains(#""id":12,"error":{"code":-32602"#))
        // Only the one good call reached the server.
        #expect(lines[7].contains(#""id": 13"#) && lines[7].contains("done: lookup"))
    }

    @Test func aLineOverTheLimitIsRefusedAndSkipped() throws {
        let long = #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 5 << 20) + "\"}}"
        let good = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"lookup","arguments":{}}}"#
        let r = try CLI.run(Self.gateway + ["python3", "fixtures/mcp/tiny_server.py"], stdin: long + "\n" + good + "\n")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(r.stdout.prefix(500))")
        #expect(lines.first?.contains("longer than 4194304 bytes") == true)
        #expect(lines.last?.contains("done: lookup") == true)
    }

    @Test func serverResponsesPassByteForByte() throws {
        let input = #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"# + "\n"
        let direct = try CLI.shell("python3 fixtures/mcp/tiny_server.py <<'EOF'\n\(input)EOF")
        let relayed = try CLI.run(Self.gateway + ["python3", "fixtures/mcp/tiny_server.py"], stdin: input)
        #expect(relayed.stdout == direct.stdout && !direct.stdout.isEmpty)
    }

    @Test func aServerThatDiesEndsTheGatewayWithItsStatus() throws {
        let r = try CLI.run(Self.gateway + ["sh", "-c", "read line; exit 7"], stdin: #"{"jsonrpc":"2.0","method":"x"}"# + "\n")
        #expect(r.status == 7)
        let killed = try CLI.run(Self.gateway + ["sh", "-c", "kill -9 $$"])
        #expect(killed.status == 137)
    }

    @Test func aServerThatCannotStartIsAFailure() throws {
        let r = try CLI.run(Self.gateway + ["/nonexistent/mcp-server"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot start /nonexistent/mcp-server"), "\(r.stderr)")
        let noServer = try CLI.run(["mcp", "--policy", "fixtures/mcp/policy.yaml"])
        #expect(noServer.status == 2 && noServer.stderr.contains("after --"), "\(noServer.stderr)")
    }

    @Test func sigtermEndsBoth() throws {
        let r = try CLI.shell("""
            mkfifo "${TMPDIR:-/tmp}/hitl-mcp-fifo-$$" && exec 3<>"${TMPDIR:-/tmp}/hitl-mcp-fifo-$$"
            "$0" mcp --policy fixtures/mcp/policy.yaml -- sh -c 'echo $$ > "${TMPDIR:-/tmp}/hitl-mcp-srv-'$$'"; exec sleep 60' <&3 &
            g=$!; sleep 1; kill -TERM $g; wait $g; s=$?
            sleep 0.5; srv=$(cat "${TMPDIR:-/tmp}/hitl-mcp-srv-$$"); rm -f "${TMPDIR:-/tmp}/hitl-mcp-fifo-$$" "${TMPDIR:-/tmp}/hitl-mcp-srv-$$"
            # Ended (a zombie waiting for a reaper counts as ended).
            case "$(ps -o stat= -p $srv 2>/dev/null)" in ""|Z*) ;; *) echo "server alive";; esac; echo "status $s"
            """)
        #expect(r.stdout == "status 143\n", "\(r.stdout)\(r.stderr)")
    }

    @Test func initWithThePlainServerLintsClean() throws {
        let r = try CLI.run(["mcp", "init", "--", "python3", "fixtures/mcp/tiny_server.py"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("name: \"mcp-tiny-server\""))
        #expect(try CLI.run(["lint", "--strict", "-"], stdin: r.stdout).status == 0)
    }
}
