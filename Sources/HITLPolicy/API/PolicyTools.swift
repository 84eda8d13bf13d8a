/// The command line's other entry points as library calls, one per verb, each returning its
/// report (render with the `Rendering/` reporters, or read the values). Deciding actions is
/// `CompiledPolicy`'s. The verbs are written in `Verbs/`, the room above every room they call.
public enum PolicyTools {}
