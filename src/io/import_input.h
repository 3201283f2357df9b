// Finds the files of a data set wherever a user keeps them and prepares each for the
// strict reader (docs/importing.md): a directory of CSV files of any dialect, .xlsx
// workbooks in it (one per file, `accounts.xlsx`, or one with a sheet per file), or one
// .xlsx workbook given as the path. A CSV file already in the strict format is read from
// its path by the strict reader as before (the fastest path); any other is converted in
// memory by io/normalizer.h, keeping its line numbers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/data_set_reader.h"
#include "io/dialect.h"
#include "io/normalizer.h"
#include "io/streamed_sheets.h"
#include "io/xlsx_reader.h"

namespace bw::io {

// How a file of the data set arrived, for the import's report.
struct PreparedFileNote {
  std::string file;    // "revenue.csv"
  std::string source;  // "in/Umsatz.csv", "book.xlsx:revenue"
  std::string how;     // "strict import format" or what was detected/given
};

struct PreparedDataSet {
  DataSetInputs inputs;
  std::vector<PreparedFileNote> notes;
  int64_t rows_rejected = 0;  // by the conversion, with skip_invalid
  // The converted files' bytes, which `inputs` view.
  std::vector<std::unique_ptr<NormalizedFile>> converted;
  // With PrepareOptions::stream_sheets: the workbooks whose sheets are converted while the
  // data set is read (ReadPreparedDataSet), and those conversions, which `inputs` stream.
  std::vector<std::unique_ptr<XlsxWorkbook>> workbooks;
  std::unique_ptr<StreamedSheets> streamed;
  // Set by ReadPreparedDataSet when a streamed conversion failed: the error is the
  // conversion's (as a convert-first PrepareDataSet would have returned it), not the read's.
  Status conversion_status;
};

// A source of one file of the data set: a row source plus what is known of its dialect.
// Profiles (io/import_profile.h) supply their own.
struct PrepareOptions {
  DialectOverrides overrides;  // for every CSV file (command line)
  XlsxLimits xlsx_limits;
  // PrepareDataSet only: an XLSX sheet is not converted up front (only its header is read
  // and its dialect detected) but while ReadPreparedDataSet reads the data set, each
  // sheet's rows handed to the reader as they are converted (io/streamed_sheets.h). The
  // results, errors and rejected rows are the same; the converted bytes are not kept
  // (a dry run's first rows need them). Such a data set must be read with
  // ReadPreparedDataSet: ReadDataSetInputs alone would wait for the conversions forever.
  bool stream_sheets = false;
};

// Prepares the data set at `path` (a directory or an .xlsx file). A file present both as
// CSV and as a sheet is an error; a sheet whose name is not a file of the data set is
// ignored (warned through read.on_warning). Uses read.skip_invalid, on_reject,
// on_warning, max_file_bytes. Errors: kNotFound for a missing path or accounts file (when
// read.require_accounts); the dialect's and the workbook's errors.
Result<PreparedDataSet> PrepareDataSet(const std::string& path, const PrepareOptions& options,
                                       const ReadOptions& read);

// One file of an upload (POST /api/v1/imports): its name and bytes, which the caller keeps
// alive while the prepared data set is read.
struct UploadedFile {
  std::string name;
  std::string_view bytes;
};

// Reads a prepared data set into `sink` (ReadDataSetInputs), converting its streamed
// sheets meanwhile (PrepareOptions::stream_sheets) on the process executor: the same
// result as converting first. A conversion's error wins over the reader's (and is kept in
// data_set.conversion_status); rows the conversions rejected are reported through
// options.on_reject before those the reader rejected (which are held until the read
// ends) and added to data_set.rows_rejected. Without streamed sheets: ReadDataSetInputs.
Result<ReadStats> ReadPreparedDataSet(PreparedDataSet& data_set, DataSetSink& sink,
                                      const ReadOptions& options);

// Prepares uploaded files as PrepareDataSet prepares a directory: a file named like a file
// of the data set (`accounts.csv`, ...) is read as it is when it is in the strict format
// (and no override is given), else converted from its dialect (detected, or
// options.overrides); a name ending in `.xlsx` is a workbook whose sheets named after
// files stand for them (converted up front: stream_sheets is not used). Errors: a name that is
// neither (kInvalidArgument naming it), a file sent twice, a file above read.max_file_bytes, and
// the conversions' errors.
Result<PreparedDataSet> PrepareUploadedFiles(const std::vector<UploadedFile>& files,
                                             const PrepareOptions& options,
                                             const ReadOptions& read);

// Converts one source (a CSV dialect file's rows, a sheet, a mapped profile) as file
// `file_index` and records it in `data_set`; `source` names where it came from in the
// notes (default: the rows' name).
Status AddConvertedFile(PreparedDataSet& data_set, size_t file_index, RowSource& rows,
                        const NormalizeOptions& options, const std::string& how_prefix,
                        const std::string& source = "");

// Reads a whole file of at most `max_bytes` into memory. Errors name the path.
Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes);

}  // namespace bw::io
