/// The EXAMPLES section of each command's help (and, through the help, of the man page:
/// scripts/gen-manual.sh gathers them into its EXAMPLES section). Every example runs as
/// written from the repository root, on the example policies and fixtures; a CLI test runs
/// them all (HelpExamplesCLITests), so an example that stops working fails the tests.
enum HelpExamples {
    /// One example: what it does, then the shell command (a trailing ` \` continues it).
    typealias Example = (what: String, command: String)

    static let root: [Example] = [
        ("Your first policy: check it, then decide actions with it, for a person:",
         "hitl-policy lint policies/payments.yaml\n"
            + "hitl-policy eval --policy policies/payments.yaml --format text \\\n  fixtures/actions/payments.jsonl"),
        ("Run the policy tests, with table-row coverage:", "hitl-policy test --coverage policies/"),
    ]

    static let mcp: [Example] = [
        ("A short session: lookup runs; the refund and delete_account are refused:",
         "hitl-policy mcp --policy fixtures/mcp/policy.yaml \\\n  --prefix mcp__payments__ -- python3 fixtures/mcp/tiny_server.py \\\n"
            + "  < fixtures/mcp/calls.jsonl"),
        ("The same, deciding and logging only (every call forwarded):",
         "hitl-policy mcp --monitor --log mcp.log \\\n  --policy fixtures/mcp/policy.yaml --prefix mcp__payments__ \\\n"
            + "  -- python3 fixtures/mcp/tiny_server.py < fixtures/mcp/calls.jsonl\nhitl-policy log verify mcp.log"),
    ]

    static let mcpInit: [Example] = [
        ("A starting policy for a server, from its tools' annotations:",
         "hitl-policy mcp init -- python3 fixtures/mcp/tiny_server.py"),
        ("Named as Claude Code names its tools, and checked:",
         "hitl-policy mcp init --prefix mcp__payments__ \\\n  -- python3 fixtures/mcp/tiny_server.py > mcp-policy.yaml\n"
            + "hitl-policy lint mcp-policy.yaml"),
    ]

    static let hook: [Example] = [
        ("Answer one Claude Code hook event (a refund over the lead's threshold: ask):",
         "hitl-policy hook claude-code --policy fixtures/hooks/policy.yaml \\\n  < fixtures/hooks/claude-code-mcp.json"),
        ("The snippet for Codex's .codex/hooks.json:",
         "hitl-policy hook codex --print-config --policy fixtures/hooks/policy.yaml"),
        ("Add the hook to this project's Claude Code settings (merged; never twice):",
         "hitl-policy hook claude-code --install --policy fixtures/hooks/policy.yaml"),
    ]

    static let lint: [Example] = [
        ("Check every policy under policies/; warnings fail too:", "hitl-policy lint --strict policies/"),
        ("Annotations on a GitHub pull request:", "hitl-policy lint --format github policies/"),
        ("A policy from standard input:", "hitl-policy lint - < policies/payments.yaml"),
    ]

    static let compile: [Example] = [
        ("Review the decision table, one row per line:", "hitl-policy compile policies/payments.yaml --format table"),
        ("The artifact eval reads (it starts faster than YAML):",
         "hitl-policy compile policies/payments.yaml -o payments.table.json\n"
            + "hitl-policy eval --policy payments.table.json < fixtures/actions/single.json"),
    ]

    static let eval: [Example] = [
        ("Decide the example actions, one block per action for a person:",
         "hitl-policy eval --policy policies/payments.yaml --format text \\\n  fixtures/actions/payments.jsonl"),
        ("One action from standard input; the exit status is the decision (3):",
         "echo '{\"capability\":\"refund\",\"amount\":6000}' | \\\n  hitl-policy eval --policy policies/payments.yaml --exit-code"),
        ("Why: the matched table row and every rule consulted:",
         "hitl-policy eval --policy policies/payments.yaml --explain \\\n  fixtures/actions/single.json"),
    ]

    static let diff: [Example] = [
        ("What an edit changes, by meaning:",
         "hitl-policy diff fixtures/diff/01-raise-spend-threshold/old.yaml \\\n  fixtures/diff/01-raise-spend-threshold/new.yaml"),
        ("Gate a pull request: exit 1 when oversight is weakened:",
         "hitl-policy diff --git origin/main policies/payments.yaml \\\n  --fail-on loosened"),
        ("A pull-request comment, each change weighed by logged actions:",
         "hitl-policy diff --git origin/main policies/payments.yaml \\\n  --format markdown --traffic fixtures/actions/payments.jsonl"),
    ]

    static let test: [Example] = [
        ("Run every test file under policies/, with row coverage:", "hitl-policy test --coverage policies/"),
        ("In CI: a JUnit report; fail below 90% row coverage:",
         "hitl-policy test --min-coverage 90 --format junit policies/ > tests.xml"),
        ("Only the cases whose name matches:", "hitl-policy test --run threshold policies/"),
        ("Start a test file: one case per table row:",
         "hitl-policy test --generate policies/payments.yaml -o payments.test.yaml"),
    ]

    static let suggest: [Example] = [
        ("Suggestions from four weeks of reviews of the payments agent:",
         "hitl-policy suggest --policy policies/payments.yaml \\\n  fixtures/reviews/payments-month.jsonl"),
        ("Write the proposal beside the policy, and see what it loosens:",
         "hitl-policy suggest --policy policies/payments.yaml \\\n  --write payments.proposed.yaml fixtures/reviews/payments-month.jsonl"),
        ("A stricter target, as JSON, with a reliability diagram:",
         "hitl-policy suggest --policy policies/payments.yaml --target 1 \\\n  --format json --chart calibration.svg \\\n  fixtures/reviews/payments-month.jsonl"),
    ]

    static let simulate: [Example] = [
        ("Can the reviewers keep up with a week of traffic, at these capacities?",
         "hitl-policy simulate --policy policies/payments.yaml \\\n  --capacity team=60/day --capacity lead=20/day \\\n  fixtures/simulate/payments-week.jsonl"),
        ("Office hours; JSON for a dashboard; exit 1 on an overloaded queue:",
         "hitl-policy simulate --policy policies/payments.yaml --hours 09-17 \\\n  --capacity team=120/day --format json --fail-on overload \\\n  fixtures/simulate/payments-week.jsonl"),
    ]

    /// The section as help text: `EXAMPLES:`, then each description and its indented command.
    static func section(_ examples: [Example]) -> String {
        var s = "\n\nEXAMPLES:"
        for e in examples {
            s += "\n  " + e.what
            for line in e.command.split(separator: "\n") { s += "\n    " + line }
        }
        return s
    }
}
