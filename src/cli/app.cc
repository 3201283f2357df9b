#include "cli/app.h"

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace bw::cli {

int Run(int argc, char** argv) {
  CLI::App app{
      "Bellwether: B2B account experience analytics (loyalty, revenue at risk, retention).",
      "bellwether"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "bellwether 0.1.0");
  int exit_code = 0;
  AddGenerateCommand(app, &exit_code);
  AddImportCommand(app, &exit_code);
  AddProfileCommand(app, &exit_code);
  AddExportCommand(app, &exit_code);
  AddMetricsCommand(app, &exit_code);
  AddAccountsCommand(app, &exit_code);
  AddAccountCommand(app, &exit_code);
  AddReportCommand(app, &exit_code);
  AddChurnCommand(app, &exit_code);
  AddServeCommand(app, &exit_code);
  AddUserCommand(app, &exit_code);
  AddTokenCommand(app, &exit_code);
  AddSurveyCommand(app, &exit_code);
  AddOutboxCommand(app, &exit_code);
  AddCaseCommand(app, &exit_code);
  AddWebhookCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}

}  // namespace bw::cli
