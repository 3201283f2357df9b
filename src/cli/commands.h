// Registration of each subcommand with the CLI11 app. Each Add*Command declares the
// subcommand's options and sets a callback that stores the exit code in *exit_code.
#pragma once

#include <CLI/CLI.hpp>

namespace bw::cli {

void AddGenerateCommand(CLI::App& app, int* exit_code);
void AddImportCommand(CLI::App& app, int* exit_code);
void AddProfileCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);
void AddMetricsCommand(CLI::App& app, int* exit_code);
void AddAccountsCommand(CLI::App& app, int* exit_code);
void AddAccountCommand(CLI::App& app, int* exit_code);
void AddReportCommand(CLI::App& app, int* exit_code);
void AddChurnCommand(CLI::App& app, int* exit_code);
void AddServeCommand(CLI::App& app, int* exit_code);
void AddUserCommand(CLI::App& app, int* exit_code);
void AddTokenCommand(CLI::App& app, int* exit_code);
void AddSurveyCommand(CLI::App& app, int* exit_code);
void AddOutboxCommand(CLI::App& app, int* exit_code);
void AddCaseCommand(CLI::App& app, int* exit_code);
void AddWebhookCommand(CLI::App& app, int* exit_code);

}  // namespace bw::cli
