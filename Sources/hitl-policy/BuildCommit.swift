import HITLPolicy

/// The commit this binary was built from, for `--version`. Empty in the source tree, so a
/// plain `swift build` (also from a tarball without .git) needs nothing but the sources;
/// scripts/build-release.sh writes the commit here for the duration of its build and
/// restores this file afterwards.
let buildCommit = ""

/// `--version`: the version, and the commit when the build recorded one.
let versionText = ToolInfo.version + (buildCommit.isEmpty ? " (development build; commit not recorded)" : " (commit \(buildCommit))")
