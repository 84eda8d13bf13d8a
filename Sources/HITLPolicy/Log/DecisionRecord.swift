#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One decision record of the log (SPEC §12): when, which command decided, the session it
/// came from, the action as decided (a tool call as its `tools:` mapping made it, with `tool`
/// and `args`) and the decision object exactly as `eval` prints it.
package enum DecisionRecord {
    /// What a record keeps of the action's arguments.
    package enum Arguments: String, Sendable, CaseIterable {
        /// Everything the action carried.
        case all
        /// The action without `args` (for tools whose arguments may hold secrets).
        case none
    }

    /// The record's text (one JSON object, no `prev`: `DecisionLog.append` adds it).
    /// `action` is the action line as decided; `decision` one decision line (a final newline
    /// is dropped).
    package static func text(source: String, session: String?, action: [UInt8], decision: some Collection<UInt8>,
                              arguments: Arguments, time: Timestamp = .now) -> String {
        var out = envelope(time: time, source: source, session: session)
        out.append(contentsOf: ",\"action\":".utf8)
        appendAction(action, arguments: arguments, into: &out)
        out.append(contentsOf: ",\"decision\":".utf8)
        var d = Array(decision)
        while let last = d.last, last == 0x0A || last == 0x0D { d.removeLast() }
        out.append(contentsOf: d)
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    /// A record's first members: `{"time":…,"source":…` and `"session"` when known.
    static func envelope(time: Timestamp, source: String, session: String?) -> [UInt8] {
        var out: [UInt8] = Array("{\"time\":\"".utf8)
        out.append(contentsOf: time.utcText.utf8)
        out.append(contentsOf: "\",\"source\":".utf8)
        out.appendJSONString(source)
        if let session {
            out.append(contentsOf: ",\"session\":".utf8)
            out.appendJSONString(session)
        }
        return out
    }

    /// The action as the record keeps it (`--log-args none`: without `args`).
    static func appendAction(_ action: [UInt8], arguments: Arguments, into out: inout [UInt8]) {
        out.append(contentsOf: arguments == .none ? action.withUnsafeBufferPointer { ToolCall.droppingArgs($0) } : action)
    }

    /// The action line a log records for `line`: the mapped action of a tool-call line, else
    /// the line itself (surrounding blanks trimmed).
    package static func action(of line: UnsafeBufferPointer<UInt8>, tools: ToolMappings, currency: String?) -> [UInt8] {
        let trimmed = trim(ByteOrderMark.dropping(line))
        if case .mapped(let action, _) = ToolCall.read(trimmed, tools: tools, currency: currency) { return action }
        // Compact (a pretty-printed action spans lines; a record is one line), and a line
        // that is no JSON object is kept as text.
        if let json = try? RawJSON.parse(trimmed), case .object = json.node {
            var out: [UInt8] = []
            json.write(json.node, into: &out)
            return out
        }
        var out = Array("{\"unparsed\":".utf8)
        out.appendJSONString(String(decoding: trimmed, as: UTF8.self))
        out.append(0x7D)
        return out
    }

    private static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = b.count
        func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
        while s < e, blank(b[s]) { s += 1 }
        while e > s, blank(b[e - 1]) { e -= 1 }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }
}

extension Timestamp {
    /// The current time.
    package static var now: Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(seconds: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec))
    }
}
