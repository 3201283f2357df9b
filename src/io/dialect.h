// CSV dialects other than the strict import format: what a spreadsheet or CRM writes.
// A German Excel "CSV (Trennzeichen-getrennt)" has semicolons, Windows-1252 text, decimal
// commas and DD.MM.YYYY dates; a US export has MM/DD/YYYY dates; a database tool writes
// tabs in UTF-16. This file detects and parses each part of a dialect; io/normalizer.h
// converts a file of any dialect to the strict format (docs/importing.md).
//
// Detection never guesses: a part that the file does not decide (a day/month order when
// every date could be either, "1.234" when no value shows which mark is the decimal one,
// Windows-1252 against ISO-8859-15 when a byte reads differently in them) is an error that
// names the option that decides it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "io/row_source.h"

namespace bw::io {

enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kWindows1252, kIso8859_15 };
enum class DecimalMark { kPoint, kComma };
// kDayMonthYear reads DD.MM.YYYY and DD/MM/YYYY; kMonthDayYear reads MM/DD/YYYY. ISO dates
// (YYYY-MM-DD) are read under every order.
enum class DateOrder { kIso, kDayMonthYear, kMonthDayYear };

// What a user said on the command line or in a profile; unset parts are detected.
struct DialectOverrides {
  std::optional<char> delimiter;
  std::optional<TextEncoding> encoding;
  std::optional<DecimalMark> decimal;
  std::optional<DateOrder> date_order;

  bool any() const { return delimiter || encoding || decimal || date_order; }
};

// Option values, case-insensitive. Delimiter: "," ";" "tab" (or a tab) "|", or comma,
// semicolon, pipe. Encoding: utf-8, utf-16 (with a byte order mark), utf-16le, utf-16be,
// windows-1252 (cp1252), iso-8859-15 (latin-9). Decimal: "." or ",". Date format:
// yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy, mm/dd/yyyy. Errors: kInvalidArgument listing the
// accepted values.
Result<char> ParseDelimiterOption(std::string_view text);
Result<TextEncoding> ParseEncodingOption(std::string_view text);
Result<DecimalMark> ParseDecimalOption(std::string_view text);
Result<DateOrder> ParseDateFormatOption(std::string_view text);

// The four options as given on a command line or in a request (empty: not given).
struct DialectOptionTexts {
  std::string delimiter;
  std::string encoding;
  std::string decimal;
  std::string date_format;
};
// The overrides of the given options; the first invalid one is the error.
Result<DialectOverrides> ParseDialectOptions(const DialectOptionTexts& texts);

std::string_view EncodingName(TextEncoding encoding);
std::string DelimiterName(char delimiter);  // "','", "';'", "tab", "'|'"

// A file's text as UTF-8: the input itself (UTF-8 without a byte order mark) or
// `storage` (converted, or with the mark removed). text() is computed on each call, so a
// moved DecodedText never views the storage of the object it was moved from.
struct DecodedText {
  std::string storage;
  std::string_view borrowed;  // the input, when owns is false
  bool owns = false;
  TextEncoding encoding = TextEncoding::kUtf8;
  bool detected = true;  // false when `forced` decided it

  std::string_view text() const { return owns ? std::string_view(storage) : borrowed; }
};

// Detects the encoding of `bytes` (or uses `forced`) and converts the text to UTF-8 with
// glibc's iconv. A byte order mark decides UTF-8 and UTF-16; valid UTF-8 is UTF-8; other
// bytes are Windows-1252 when a byte in 0x80..0x9F shows it, and refused as undecided when
// a byte that Windows-1252 and ISO-8859-15 read differently (e.g. 0xA4: '¤' or '€') is the
// only evidence. Text without a byte order mark that holds NUL bytes (UTF-16 without a
// mark) is refused. Errors: kInvalidArgument `NAME:LINE: ...` naming the option to use.
Result<DecodedText> DecodeText(std::string_view bytes, const std::string& name,
                               std::optional<TextEncoding> forced);

// The delimiter of `text` (UTF-8, maybe with several lines): the one of , ; tab | that
// splits the header and the next rows into the same number of fields. Errors:
// kInvalidArgument `NAME:1: ...` when none or several fit (use --delimiter).
Result<char> DetectDelimiter(std::string_view text, const std::string& name);

// RFC 4180 rows with any delimiter over UTF-8 text the caller keeps alive. Lines with no
// characters are skipped. Errors (status()): `NAME:LINE: malformed CSV: ...`, and the
// limits of docs/limits.md (fields per row, bytes per field).
class DelimitedRows final : public RowSource {
 public:
  DelimitedRows(std::string_view text, char delimiter, std::string name);
  bool Next() override;
  const Status& status() const override { return status_; }
  const std::vector<std::string_view>& fields() const override { return fields_; }
  const std::vector<CellType>& types() const override { return no_types_; }
  int64_t line() const override { return row_line_; }
  std::string Where(size_t index) const override;
  const std::string& name() const override { return name_; }
  Status Rewind() override;

 private:
  bool Fail(std::string_view what);

  std::string_view text_;
  char delimiter_;
  std::string name_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t row_line_ = 0;
  Status status_;
  std::vector<std::string_view> fields_;
  std::vector<CellType> no_types_;
  std::string scratch_;
  std::vector<std::pair<size_t, size_t>> scratch_fields_;  // (field index, scratch offset)
};

// What one value tells about the dialect.
enum class Evidence { kNone, kFirst, kSecond, kAmbiguous };

// A decimal number's marks: kFirst = the decimal mark is '.', kSecond = ',', kAmbiguous =
// one '.' or ',' followed by exactly three digits ("1.234"), kNone = no mark.
Evidence DecimalEvidence(std::string_view text);
// A date's order: kFirst = day first (DD.MM.YYYY, or a first part above 12), kSecond =
// month first (a second part above 12), kAmbiguous = both parts 12 or less and different
// (03/04/2026), kNone = ISO or nothing to tell.
Evidence DateOrderEvidence(std::string_view text);

// A number written with `mark` as decimal mark and the other mark (or spaces, or
// apostrophes) grouping thousands, maybe with a currency sign (€, EUR, $, USD), as a plain
// decimal with '.' ("1.234,56" -> "1234.56"); nullopt when it is not such a number.
std::optional<std::string> NormalizeDecimal(std::string_view text, DecimalMark mark);
// A date in `order` (ISO always accepted; a time of day after it, " 00:00" or "T00:00:00",
// is dropped); nullopt when it is not one.
std::optional<Day> ParseDialectDate(std::string_view text, DateOrder order);
// A month as YYYY-MM, MM/YYYY, MM.YYYY, "März 2026", "Mar 2026", "March 2026", "Mrz. 2026",
// or a date in `order` (its month); nullopt otherwise.
std::optional<MonthIndex> ParseDialectMonth(std::string_view text, DateOrder order);

std::string_view DateOrderName(DateOrder order);  // "YYYY-MM-DD", "DD.MM.YYYY", ...

}  // namespace bw::io
