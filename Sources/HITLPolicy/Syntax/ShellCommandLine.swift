/// A shell command line split into the simple commands it can run, for `{shell: [PREFIX, ...]}`
/// attribute conditions: the condition holds when any simple command begins with a prefix,
/// word by word, after quote removal.
///
/// The splitter reads the POSIX shell grammar as bash does, far enough to find every simple
/// command a line can run: it splits at `;` `&` `&&` `||` `|` `|&` and newlines, and looks
/// inside `$( )`, backticks, `( )` subshells, `{ }` groups, `<( )` / `>( )`, the bodies of
/// `if`/`while`/`for`/functions, `bash -c STRING` (and the other shells' `-c`), the command a
/// wrapper runs (`sudo`, `env`, `xargs`, `nohup`, `timeout`, …) and `find -exec`.
///
/// It errs one way only. Rules only ever raise a requirement, so finding a command that never
/// runs makes a decision stricter, while missing one would make it looser. Hence:
/// - a line it cannot split with certainty is `uncertain` and matches every prefix: unbalanced
///   quotes or brackets, here-documents, `eval`, `case`, arithmetic commands, a variable, glob
///   or substitution in command position, a shell reading its commands from standard input
///   (`… | bash`), nesting deeper than `maxDepth`;
/// - a word the shell would expand (`$X`, `$(…)`, a glob, `{a,b}`) is *open*: it may become any
///   words at all, so a prefix matches once its words so far agree;
/// - a wrapper with options (`sudo -u root rm …`) offers every later word as the start of the
///   command it runs, since what an option consumes is the wrapper's business;
/// - a command named by a path (`/bin/rm`, `./rm`) also matches by its last component.
package struct ShellCommandLine: Sendable, Equatable {
    /// One word of a simple command after quote removal.
    package struct Word: Sendable, Equatable, CustomStringConvertible {
        /// The word's text after quote removal (expansions kept as written).
        package var text: String
        /// True when the shell would expand the word into something not known here.
        package var isOpen: Bool

        package init(_ text: String, open: Bool = false) {
            self.text = text
            self.isOpen = open
        }

        package var description: String { isOpen ? "<\(text)>" : text }
    }

    /// The simple commands found, in the order they are completed (nested ones first). A
    /// wrapper's candidate commands share the wrapper's words, so a long line costs no more
    /// than its length.
    package private(set) var commandSlices: [ArraySlice<Word>]

    /// The simple commands found, as arrays (for reading; `begins(with:)` needs none).
    package var commands: [[Word]] { commandSlices.map(Array.init) }
    /// Why the line cannot be split with certainty; nil when it can.
    package private(set) var uncertainty: String?

    /// How deep substitutions, subshells and `bash -c` strings may nest before the line is
    /// uncertain (as JSON nesting is bounded for actions).
    package static let maxDepth = 64

    /// Splits `text`. Linear in its length, apart from `-c` strings, which are split again.
    package init(_ text: String) {
        var parser = ShellParser(bytes: Array(text.utf8), depth: 0)
        parser.parseList(until: nil)
        commandSlices = parser.commands
        uncertainty = parser.uncertainty
        if uncertainty != nil { commandSlices = [] }
    }

    /// True when any simple command begins with `prefix` (its words, as `prefixWords` gives
    /// them), or the line is uncertain.
    package func begins(with prefix: [String]) -> Bool {
        guard uncertainty == nil else { return true }
        return commandSlices.contains { Self.command($0, begins: prefix) }
    }

    static func command(_ words: ArraySlice<Word>, begins prefix: [String]) -> Bool {
        for (i, p) in prefix.enumerated() {
            guard i < words.count else { return false }
            let w = words[words.startIndex + i]
            if w.isOpen { return true }
            if w.text == p { continue }
            if i == 0, w.text.contains("/"), !p.contains("/"), ShellParser.base(w.text) == p { continue }
            return false
        }
        return true
    }

    /// The words of a prefix as a policy writes it (`git push --force`, `"rm" -rf`): exactly
    /// one simple command with no expansions, else nil with the reason.
    package static func prefixWords(_ text: String) -> Result<[String], PrefixError> {
        var parser = ShellParser(bytes: Array(text.utf8), depth: 0)
        parser.plain = true
        parser.parseList(until: nil)
        if let why = parser.uncertainty { return .failure(PrefixError(message: why)) }
        guard !parser.sawOperator, parser.commands.count == 1, let words = parser.commands.first, !words.isEmpty else {
            return .failure(PrefixError(message: "a prefix is one simple command (no ';', '&', '|', substitutions or wrappers)"))
        }
        if let open = words.first(where: \.isOpen) {
            return .failure(PrefixError(message: "'\(open.text)' would be expanded by the shell; quote it to match it as written"))
        }
        return .success(words.map(\.text))
    }

    /// Why a prefix cannot be used.
    package struct PrefixError: Error, Equatable {
        package var message: String
    }
}

/// The recursive reader behind `ShellCommandLine`.
struct ShellParser {
    let bytes: [UInt8]
    let depth: Int
    var i = 0
    var commands: [ArraySlice<ShellCommandLine.Word>] = []
    var uncertainty: String?
    /// True once a list operator or substitution was seen (a prefix must have none).
    var sawOperator = false
    /// Records each simple command's words as written (keywords, assignments and wrappers
    /// kept): how a policy's prefix is read.
    var plain = false
    /// How many `find -exec` commands enclose the one being recorded.
    var execNesting = 0

    init(bytes: [UInt8], depth: Int) {
        self.bytes = bytes
        self.depth = depth
    }

    private static let wrappers: Set<String> = [
        "sudo", "doas", "env", "command", "builtin", "exec", "nice", "nohup", "time", "timeout",
        "xargs", "stdbuf", "setsid", "ionice", "chrt", "taskset", "unbuffer", "watch", "flock", "su", "busybox",
    ]
    private static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash"]
    /// Words that open or continue a compound command: what follows them is a command.
    private static let leading: Set<String> = ["!", "{", "then", "else", "do", "if", "elif", "while", "until"]
    /// Words that close a compound command; alone they run nothing.
    private static let closing: Set<String> = ["}", "fi", "done", "esac"]

    mutating func unsure(_ why: String) {
        if uncertainty == nil { uncertainty = why }
        i = bytes.count
    }

    var done: Bool { uncertainty != nil || i >= bytes.count }

    // MARK: Lists

    /// Reads commands until `terminator` (`)` for subshells and `$( )`), or the end.
    mutating func parseList(until terminator: UInt8?) {
        guard depth <= ShellCommandLine.maxDepth else { return unsure("nested deeper than \(ShellCommandLine.maxDepth)") }
        var words: [ShellCommandLine.Word] = []
        while !done {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                i += 1
            case UInt8(ascii: "\\") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"):
                i += 2
            case UInt8(ascii: "\n"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"):
                if c == UInt8(ascii: "&"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") {
                    redirection()
                    continue
                }
                if c == UInt8(ascii: ";"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ";") {
                    return unsure("';;' outside a case statement")
                }
                sawOperator = true
                finish(&words)
                i += 1
                if i < bytes.count, bytes[i] == c || (c == UInt8(ascii: "|") && bytes[i] == UInt8(ascii: "&")) { i += 1 }
            case UInt8(ascii: "("):
                sawOperator = true
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "(") { return unsure("an arithmetic command '((…))'") }
                if words.count == 1, !words[0].isOpen, closesEmptyParens() {
                    // `name() { …; }`: a function definition; its body follows as commands.
                    words.removeAll()
                    continue
                }
                guard words.isEmpty else { return unsure("'(' inside a command") }
                i += 1
                subList()
            case UInt8(ascii: ")"):
                guard terminator == UInt8(ascii: ")") else { return unsure("an unbalanced ')'") }
                finish(&words)
                i += 1
                return
            case UInt8(ascii: "<"), UInt8(ascii: ">"):
                // `<( … )` as an argument is a file name the shell makes up: an open word.
                if processSubstitution() { words.append(ShellCommandLine.Word("<(…)", open: true)) } else { redirection() }
            case UInt8(ascii: "#") where isBlank(before: i):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            default:
                guard let w = readWord() else { continue }
                if isIONumber(w), i < bytes.count, bytes[i] == UInt8(ascii: "<") || bytes[i] == UInt8(ascii: ">") {
                    redirection()
                    continue
                }
                words.append(w)
            }
        }
        if uncertainty == nil, terminator != nil { return unsure("an unclosed '('") }
        finish(&words)
    }

    private func isBlank(before k: Int) -> Bool {
        k == 0 || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "(")].contains(bytes[k - 1])
    }

    private func isIONumber(_ w: ShellCommandLine.Word) -> Bool {
        !w.isOpen && !w.text.isEmpty && w.text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            && i > 0 && bytes[i - 1] >= UInt8(ascii: "0") && bytes[i - 1] <= UInt8(ascii: "9")
    }

    /// At `(`: true (and past `( )`) when only blanks lie before the matching `)`.
    private mutating func closesEmptyParens() -> Bool {
        var k = i + 1
        while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: ")") else { return false }
        i = k + 1
        return true
    }

    /// Takes over what a nested reader found, and its position.
    private mutating func absorb(_ inner: inout ShellParser) {
        commands.append(contentsOf: inner.commands)
        if let why = inner.uncertainty { return unsure(why) }
        i = inner.i
    }

    private static let redirections = ["<<<", "<<-", "&>>", "<<", "&>", ">>", ">&", "<&", "<>", ">|", "<", ">"].map { Array($0.utf8) }

    /// A redirection operator and its target word (discarded, substitutions in it kept).
    private mutating func redirection() {
        sawOperator = true
        if processSubstitution() { return }
        guard let op = Self.redirections.first(where: { bytes[i...].starts(with: $0) }) else { return unsure("an unknown redirection") }
        if op == Array("<<".utf8) || op == Array("<<-".utf8) { return unsure("a here-document ('<<')") }
        i += op.count
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        if processSubstitution() { return }
        guard i < bytes.count, !Self.isMeta(bytes[i]) else { return unsure("a redirection without a target") }
        _ = readWord()
    }

    /// At `<(` or `>(`: a process substitution, whose commands run; false elsewhere.
    private mutating func processSubstitution() -> Bool {
        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "<") || bytes[i] == UInt8(ascii: ">"), bytes[i + 1] == UInt8(ascii: "(") else { return false }
        i += 2
        subList()
        return true
    }

    /// From after an opening `(` of a substitution or subshell: its commands, to the `)`.
    private mutating func subList() {
        var inner = ShellParser(bytes: bytes, depth: depth + 1)
        inner.i = i
        inner.parseList(until: UInt8(ascii: ")"))
        absorb(&inner)
    }

    private static func isMeta(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: ";"), UInt8(ascii: "&"),
             UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            true
        default: false
        }
    }

    // MARK: Words

    /// Reads one word from `i` (which is not blank or an operator); nil when nothing was read.
    private mutating func readWord() -> ShellCommandLine.Word? {
        var text: [UInt8] = []
        var open = false
        var unquotedBrace = false, unquotedBraceClose = false, braceList = false
        var bracketOpen = false
        let start = i
        while i < bytes.count, uncertainty == nil {
            let c = bytes[i]
            if Self.isMeta(c) {
                // `name=(a b)`: an array assignment, one word.
                if c == UInt8(ascii: "("), text.last == UInt8(ascii: "="), isAssignmentName(text.dropLast()) {
                    guard skipBalanced(open: UInt8(ascii: "("), close: UInt8(ascii: ")")) else { return nil }
                    open = true
                    continue
                }
                break
            }
            switch c {
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { unsure("a '\\' at the end of the line"); return nil }
                if bytes[i + 1] != UInt8(ascii: "\n") { text.append(bytes[i + 1]) }
                i += 2
            case UInt8(ascii: "'"):
                guard let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "'")) else { unsure("an unclosed single quote"); return nil }
                text.append(contentsOf: bytes[(i + 1)..<close])
                i = close + 1
            case UInt8(ascii: "\""):
                i += 1
                guard readDoubleQuoted(into: &text, open: &open) else { return nil }
            case UInt8(ascii: "$"):
                guard readDollar(into: &text, open: &open) else { return nil }
            case UInt8(ascii: "`"):
                guard readBackticks() else { return nil }
                text.append(contentsOf: "`…`".utf8)
                open = true
            case UInt8(ascii: "*"), UInt8(ascii: "?"):
                open = true
                text.append(c)
                i += 1
            case UInt8(ascii: "["):
                bracketOpen = true
                text.append(c)
                i += 1
            case UInt8(ascii: "]"):
                if bracketOpen { open = true }
                text.append(c)
                i += 1
            case UInt8(ascii: "{"):
                unquotedBrace = true
                text.append(c)
                i += 1
            case UInt8(ascii: ","):
                if unquotedBrace { braceList = true }
                text.append(c)
                i += 1
            case UInt8(ascii: "}"):
                if unquotedBrace { unquotedBraceClose = true }
                text.append(c)
                i += 1
            default:
                if c == UInt8(ascii: "."), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "."), unquotedBrace { braceList = true }
                text.append(c)
                i += 1
            }
        }
        guard uncertainty == nil, i > start else { return nil }
        if unquotedBrace && unquotedBraceClose && braceList && text.count > 1 { open = true }
        return ShellCommandLine.Word(String(decoding: text, as: UTF8.self), open: open)
    }

    private func isAssignmentName(_ t: ArraySlice<UInt8>) -> Bool {
        guard let f = t.first, f == UInt8(ascii: "_") || (f | 0x20 >= UInt8(ascii: "a") && f | 0x20 <= UInt8(ascii: "z")) else { return false }
        return t.allSatisfy { $0 == UInt8(ascii: "_") || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "+") }
    }

    /// Inside `"…"` from after the opening quote; false when the line became uncertain.
    private mutating func readDoubleQuoted(into text: inout [UInt8], open: inout Bool) -> Bool {
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return true
            case UInt8(ascii: "\\"):
                // A '\' ending the line: past it, and the quote is unclosed (a `break` here
                // would leave the switch, not the loop, and spin forever).
                guard i + 1 < bytes.count else { i += 1; continue }
                let n = bytes[i + 1]
                if n == UInt8(ascii: "\n") {
                } else if [UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "\\")].contains(n) {
                    text.append(n)
                } else {
                    text.append(c)
                    text.append(n)
                }
                i += 2
            case UInt8(ascii: "$"):
                guard readDollar(into: &text, open: &open) else { return false }
            case UInt8(ascii: "`"):
                guard readBackticks() else { return false }
                text.append(contentsOf: "`…`".utf8)
                open = true
            default:
                text.append(c)
                i += 1
            }
        }
        unsure("an unclosed double quote")
        return false
    }

    /// At `$`: a substitution, an expansion, ANSI-C or locale quoting, or a plain `$`.
    private mutating func readDollar(into text: inout [UInt8], open: inout Bool) -> Bool {
        guard i + 1 < bytes.count else {
            text.append(UInt8(ascii: "$"))
            i += 1
            return true
        }
        let n = bytes[i + 1]
        switch n {
        case UInt8(ascii: "("):
            if i + 2 < bytes.count, bytes[i + 2] == UInt8(ascii: "(") {
                // `$(( … ))`: arithmetic; a substitution inside it is beyond this reader.
                let start = i
                i += 1
                guard skipBalanced(open: UInt8(ascii: "("), close: UInt8(ascii: ")")) else { return false }
                let inner = bytes[start..<i]
                if inner.contains(UInt8(ascii: "`")) || zip(inner, inner.dropFirst()).dropFirst(2).contains(where: { $0 == UInt8(ascii: "$") && $1 == UInt8(ascii: "(") }) {
                    unsure("a command substitution inside '$((…))'")
                    return false
                }
                text.append(contentsOf: "$((…))".utf8)
                open = true
                return true
            }
            sawOperator = true
            i += 2
            var inner = ShellParser(bytes: bytes, depth: depth + 1)
            inner.i = i
            inner.parseList(until: UInt8(ascii: ")"))
            absorb(&inner)
            text.append(contentsOf: "$(…)".utf8)
            open = true
            return uncertainty == nil
        case UInt8(ascii: "{"):
            let start = i
            i += 1
            guard skipBalanced(open: UInt8(ascii: "{"), close: UInt8(ascii: "}")) else { return false }
            let inner = bytes[start..<i]
            if inner.contains(UInt8(ascii: "`")) || inner.dropFirst().contains(UInt8(ascii: "$")) && zip(inner, inner.dropFirst()).contains(where: { $0 == UInt8(ascii: "$") && $1 == UInt8(ascii: "(") }) {
                unsure("a command substitution inside '${…}'")
                return false
            }
            text.append(contentsOf: inner)
            open = true
            return true
        case UInt8(ascii: "'"):
            // `$'…'`: ANSI-C quoting. Plain text is taken as is; escapes make the word open.
            var k = i + 2
            var escaped = false
            while k < bytes.count, bytes[k] != UInt8(ascii: "'") {
                if bytes[k] == UInt8(ascii: "\\") { escaped = true; k += 1 }
                k += 1
            }
            guard k < bytes.count else { unsure("an unclosed $'…' quote"); return false }
            text.append(contentsOf: bytes[(i + 2)..<k])
            if escaped { open = true }
            i = k + 1
            return true
        case UInt8(ascii: "\""):
            i += 2
            return readDoubleQuoted(into: &text, open: &open)
        default:
            if n == UInt8(ascii: "_") || (n | 0x20 >= UInt8(ascii: "a") && n | 0x20 <= UInt8(ascii: "z")) {
                var k = i + 1
                while k < bytes.count, bytes[k] == UInt8(ascii: "_") || (bytes[k] | 0x20 >= UInt8(ascii: "a") && bytes[k] | 0x20 <= UInt8(ascii: "z")) || (bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9")) { k += 1 }
                text.append(contentsOf: bytes[i..<k])
                i = k
                open = true
                return true
            }
            if (n >= UInt8(ascii: "0") && n <= UInt8(ascii: "9")) || "@*#?$!-".utf8.contains(n) {
                text.append(contentsOf: bytes[i...(i + 1)])
                i += 2
                open = true
                return true
            }
            text.append(UInt8(ascii: "$"))
            i += 1
            return true
        }
    }

    /// At a backtick: reads to the closing one and splits what is inside.
    private mutating func readBackticks() -> Bool {
        sawOperator = true
        var inner: [UInt8] = []
        var k = i + 1
        while k < bytes.count, bytes[k] != UInt8(ascii: "`") {
            if bytes[k] == UInt8(ascii: "\\"), k + 1 < bytes.count, [UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "$")].contains(bytes[k + 1]) {
                inner.append(bytes[k + 1])
                k += 2
                continue
            }
            inner.append(bytes[k])
            k += 1
        }
        guard k < bytes.count else { unsure("an unclosed backtick"); return false }
        i = k + 1
        var nested = ShellParser(bytes: inner, depth: depth + 1)
        nested.parseList(until: nil)
        commands.append(contentsOf: nested.commands)
        if let why = nested.uncertainty { unsure(why); return false }
        return true
    }

    /// From an opening bracket at `i` to past its match, minding quotes; false (uncertain)
    /// when it is not closed.
    private mutating func skipBalanced(open: UInt8, close: UInt8) -> Bool {
        var level = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") { i += 2; continue }
            if c == UInt8(ascii: "'") {
                guard let e = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "'")) else { break }
                i = e + 1
                continue
            }
            if c == open { level += 1 } else if c == close {
                level -= 1
                if level == 0 { i += 1; return true }
            }
            i += 1
        }
        unsure("an unclosed '\(Character(Unicode.Scalar(open)))'")
        return false
    }

    // MARK: Simple commands

    /// Ends the simple command in `words`: drops assignments and keywords, records the command
    /// and what it runs in turn.
    private mutating func finish(_ words: inout [ShellCommandLine.Word]) {
        defer { words.removeAll() }
        guard uncertainty == nil else { return }
        if plain { return commands.append(words[...]) }
        record(words[...])
    }

    private mutating func record(_ all: ArraySlice<ShellCommandLine.Word>) {
        // What comes before the command: assignments, the words of compound commands
        // (`then`, `do`, `}`, …), `time` and its options, `function NAME`. A loop, not
        // recursion: a line of a million `}` must not exhaust the stack.
        var words = all
        while let first = words.first {
            if isAssignment(first) || !first.isOpen && (Self.leading.contains(first.text) || Self.closing.contains(first.text)) {
                words = words.dropFirst()
            } else if !first.isOpen, first.text == "time", words.count > 1 {
                words = words.dropFirst()
                while words.first?.text.hasPrefix("-") == true { words = words.dropFirst() }
            } else if !first.isOpen, first.text == "function" {
                words = words.dropFirst(2)  // `function f { body`: the body's first command follows
            } else { break }
        }
        guard let first = words.first else { return }
        if first.isOpen { return unsure("'\(first.text)' in command position: the command it runs is not known here") }
        let name = first.text
        switch name {
        case "eval": return unsure("'eval' runs a string as commands")
        case "case": return unsure("a 'case' statement")
        case "coproc": return unsure("a 'coproc' command")
        case "for", "select": return  // `for x in …`: no command in this segment; the body follows
        default: break
        }
        commands.append(words)
        let base = Self.base(name)
        if Self.wrappers.contains(base) { return wrapped(base, words.dropFirst()) }
        runs(words, find: true)
    }

    /// What a recorded command runs in turn besides itself: a shell's `-c` string and, with
    /// `find`, `find -exec`'s command.
    private mutating func runs(_ words: ArraySlice<ShellCommandLine.Word>, find: Bool) {
        guard let first = words.first else { return }
        let base = Self.base(first.text)
        if Self.shells.contains(base) {
            shellScript(words.dropFirst(), shell: base)
        } else if find, base == "find" {
            findExec(words.dropFirst())
        }
    }

    static func base(_ name: String) -> String {
        name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
    }

    private func isAssignment(_ w: ShellCommandLine.Word) -> Bool {
        guard let eq = w.text.utf8.firstIndex(of: UInt8(ascii: "=")) else { return false }
        let name = w.text.utf8[..<eq]
        return !name.isEmpty && isAssignmentName(ArraySlice(name))
    }

    /// The command a wrapper runs. What a wrapper's options and operands consume is its own
    /// business (`timeout 10 rm`, `sudo -u root rm`, `flock FILE rm`), so every later word that
    /// is not an option may start the command: each such suffix is recorded as a command of
    /// its own (without looking for wrappers again: the suffixes already include theirs). The
    /// first candidate being open (`sudo $CMD`) makes the line uncertain.
    private mutating func wrapped(_ wrapper: String, _ given: ArraySlice<ShellCommandLine.Word>) {
        // `xargs CMD` runs CMD with arguments read from its input: an open last word.
        let rest = wrapper == "xargs" ? (Array(given) + [ShellCommandLine.Word("…", open: true)])[...] : given
        var first = true, found = false
        for k in rest.indices where !rest[k].text.hasPrefix("-") || rest[k].isOpen {
            if rest[k].isOpen {
                if first { return unsure("'\(rest[k].text)' in command position: the command it runs is not known here") }
                continue
            }
            first = false
            commands.append(rest[k...])
            // A later `find` suffix's `-exec` commands are among the first one's: read them once
            // (`sudo find find find …` stays linear).
            let isFind = !found && Self.base(rest[k].text) == "find"
            runs(rest[k...], find: isFind)
            found = found || isFind
            if uncertainty != nil { return }
        }
    }

    /// `bash -c STRING`: the string is split as a command line of its own; a shell with neither
    /// `-c` nor a script reads commands from its input, which is not known here.
    private mutating func shellScript(_ rest: ArraySlice<ShellCommandLine.Word>, shell: String) {
        var words = rest
        var command = false, standardInput = false
        while let w = words.first, w.text.hasPrefix("-") || w.text.hasPrefix("+"), !w.isOpen {
            if w.text == "--" { words = words.dropFirst(); break }
            if !w.text.hasPrefix("--"), w.text.dropFirst().contains("c") { command = true }
            if !w.text.hasPrefix("--"), w.text.dropFirst().contains("s") { standardInput = true }
            if w.text == "-o" || w.text == "+o" || w.text == "-O" || w.text == "+O" { words = words.dropFirst() }
            words = words.dropFirst()
        }
        if standardInput && !command { return unsure("'\(shell) -s' reads its commands from standard input") }
        guard let script = words.first else {
            if !command { return unsure("'\(shell)' reads its commands from standard input") }
            return unsure("'\(shell) -c' without a command string")
        }
        guard command else { return }  // `bash script.sh`: the script's commands are its own
        if script.isOpen { return unsure("'\(shell) -c' runs a string that is expanded first") }
        guard depth < ShellCommandLine.maxDepth else { return unsure("nested deeper than \(ShellCommandLine.maxDepth)") }
        var nested = ShellParser(bytes: Array(script.text.utf8), depth: depth + 1)
        nested.parseList(until: nil)
        commands.append(contentsOf: nested.commands)
        if let why = nested.uncertainty { unsure(why) }
    }

    /// `find … -exec CMD … ;` (and `-execdir`, `-ok`, `-okdir`): CMD runs.
    private mutating func findExec(_ rest: ArraySlice<ShellCommandLine.Word>) {
        // `find -exec find -exec …` nests through `record`: bounded like substitutions.
        guard execNesting < ShellCommandLine.maxDepth else { return unsure("'find -exec' nested deeper than \(ShellCommandLine.maxDepth)") }
        execNesting += 1
        defer { execNesting -= 1 }
        var k = rest.startIndex
        while k < rest.endIndex {
            if ["-exec", "-execdir", "-ok", "-okdir"].contains(rest[k].text) {
                var e = k + 1
                while e < rest.endIndex, rest[e].text != ";", rest[e].text != "+" { e += 1 }
                // `{}` becomes each file name found: an open word.
                if e > k + 1 { record(rest[(k + 1)..<e].map { $0.text == "{}" ? ShellCommandLine.Word("{}", open: true) : $0 }[...]) }
                k = e
            }
            k += 1
        }
    }
}
