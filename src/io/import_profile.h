// Import profiles: how the export of a CRM or survey tool maps onto the import format
// (docs/importing.md, "Profiles"). A profile is a TOML file: per file of the data set, the
// name pattern of the export file, the dialect, and for each import column its source
// column (or a constant), transforms (trim, lower, upper) and a value map
// ("Closed Lost" -> "churned"). Profiles for Salesforce, HubSpot, Dynamics 365 and survey
// tools ship in profiles/ and are compiled in.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/dialect.h"
#include "io/import_input.h"
#include "io/row_source.h"

namespace bw::io {

struct ColumnMapping {
  std::string target;  // import-format column, e.g. "account_id"
  std::string source;  // source column name (matched case-insensitively); empty: constant
  std::vector<std::string> more_sources;  // joined to `source` with a space ("First", "Last")
  std::string constant;
  std::vector<std::string> transforms;        // "trim", "lower", "upper"
  std::map<std::string, std::string> values;  // source value -> import value (after transforms)
  std::optional<std::string> default_value;   // for a value not in `values`
  bool contact_by_email = false;              // the value is an email: the contact with that email
};

struct FileMapping {
  size_t file = 0;      // DataSetFileName index
  std::string pattern;  // glob over the export's file name, case-insensitive
  std::string filter_column;
  std::vector<std::string> filter_values;  // keep rows whose filter column is one of these
  int skip_rows = 0;  // rows after the header that are not data (Qualtrics' question texts)
  DialectOverrides dialect;
  std::vector<ColumnMapping> columns;
};

struct ImportProfile {
  std::string name;
  std::string description;
  std::vector<FileMapping> files;
};

// Parses a profile; `source_name` names it in errors (`NAME:LINE: what`). Errors:
// kInvalidArgument for TOML errors, unknown files, keys or transforms.
Result<ImportProfile> ParseImportProfile(std::string_view toml_text,
                                         const std::string& source_name);

// The profile of a shipped name ("salesforce", "hubspot", "dynamics365", "survey") or the
// file at a path. Errors: kNotFound listing the shipped names.
Result<ImportProfile> LoadImportProfile(const std::string& name_or_path);

// The names of the shipped profiles.
std::vector<std::string> ShippedProfileNames();

// Prepares the export files in `dir` through `profile` (each file mapping finds exactly one
// file by its pattern: a .csv of any dialect or an .xlsx, its first sheet). `overrides`
// (command line) win over the profile's dialect.
Result<PreparedDataSet> PrepareProfileDataSet(const std::string& dir, const ImportProfile& profile,
                                              const DialectOverrides& overrides,
                                              const ReadOptions& read);

}  // namespace bw::io
