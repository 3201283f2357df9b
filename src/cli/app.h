// The `bellwether` command line: parses arguments with CLI11 and dispatches to one
// subcommand per file (<verb>_command.cc). Subcommands are thin: parse, call a module,
// render, and map a Status to an exit code (core/status.h: ExitCodeFor).
#pragma once

namespace bw::cli {

int Run(int argc, char** argv);

}  // namespace bw::cli
