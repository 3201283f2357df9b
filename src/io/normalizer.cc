#include "io/normalizer.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

#include "core/date.h"

namespace bw::io {
namespace {

// Detection reads at most this many rows when it has seen no undecided value.
constexpr int64_t kDetectionRows = 10000;

// How the normalizer treats a column of the import format (data-format.md).
enum class ColumnRole { kText, kDate, kMonth, kDecimal };

struct TypedColumn {
  size_t file;
  std::string_view column;
  ColumnRole role;
};

constexpr TypedColumn kTypedColumns[] = {
    {0, "created_on", ColumnRole::kDate},   {0, "churned_on", ColumnRole::kDate},
    {1, "left_on", ColumnRole::kDate},      {2, "month", ColumnRole::kMonth},
    {2, "amount", ColumnRole::kDecimal},    {3, "sent_on", ColumnRole::kDate},
    {4, "responded_on", ColumnRole::kDate}, {6, "observed_on", ColumnRole::kDate},
    {5, "occurred_on", ColumnRole::kDate},  {6, "value", ColumnRole::kDecimal}};

// The columns of each file that are not typed (text passes through), to tell a known
// column from an unknown one.
constexpr std::string_view kTextColumns[] = {
    "account_id,name,industry,region,owner,acquisition,",
    "contact_id,account_id,name,email,role,",
    "account_id,",
    "invitation_id,contact_id,survey_id,",
    "response_id,contact_id,survey_id,score,comment,drivers,",
    "touchpoint_id,account_id,contact_id,type,",
    "account_id,signal,"};

std::string NormalizeColumnName(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Quoted(std::string_view value) { return "\"" + std::string(value) + "\""; }

// Appends `value` as a CSV field (quoted when it must be); returns the line ends in it.
int64_t AppendField(std::string& out, std::string_view value) {
  // One pass over the bytes (find_first_of would search the set for every byte).
  const bool plain = std::none_of(value.begin(), value.end(), [](char c) {
    return c == ',' || c == '"' || c == '\r' || c == '\n';
  });
  if (plain) {
    out.append(value);
    return 0;
  }
  int64_t lines = 0;
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    lines += c == '\n' ? 1 : 0;
    out.push_back(c);
  }
  out.push_back('"');
  return lines;
}

struct Column {
  std::string name;
  ColumnRole role = ColumnRole::kText;
  bool known = false;
};

// The first value that left a part of the dialect open or decided it, for messages.
struct Finding {
  Evidence evidence = Evidence::kNone;
  std::string where;
  std::string column;
  std::string value;
};

}  // namespace

// The conversion of one file (NormalizeToImportFormat, StreamingNormalizer).
class Normalizer {
 public:
  Normalizer(size_t file_index, RowSource& rows, const NormalizeOptions& options)
      : file_index_(file_index), rows_(rows), options_(options) {}

  // The header and the dialect's detection.
  Status Start();
  const std::string& detected() const { return detected_; }
  // Converts the rows after Start(); `emit` (when set) takes the bytes converted so far
  // whenever at least `chunk_bytes` of whole rows are (false: stop).
  Result<NormalizedFile> Rows(size_t chunk_bytes,
                              const std::function<bool(std::string& chunk)>& emit);

 private:
  Status ReadHeader();
  Status Detect();
  // Converts field `i` of the current row into *out, or returns why not.
  Status Convert(size_t i, std::string* out) const;
  Status ValueError(size_t i, const std::string& what) const;

  size_t file_index_;
  RowSource& rows_;
  const NormalizeOptions& options_;
  std::vector<Column> columns_;
  DecimalMark decimal_ = DecimalMark::kPoint;
  DateOrder date_order_ = DateOrder::kIso;
  // Nothing decided the mark or the order (the defaults '.' and ISO hold): a value that
  // reads two ways is then refused, not read the default way.
  bool decimal_undecided_ = false;
  bool dates_undecided_ = false;
  std::string detected_;
};

Status Normalizer::ReadHeader() {
  if (!rows_.Next()) {
    BW_RETURN_IF_ERROR(rows_.status());
    return InvalidArgument(rows_.name() + ":1: header row missing (the file is empty)");
  }
  columns_.clear();
  for (std::string_view raw : rows_.fields()) {
    Column column;
    column.name = NormalizeColumnName(raw);
    for (const TypedColumn& typed : kTypedColumns) {
      if (typed.file == file_index_ && typed.column == column.name) {
        column.role = typed.role;
        column.known = true;
      }
    }
    const std::string_view text_columns = kTextColumns[file_index_];
    if (!column.name.empty() && text_columns.find(column.name + ",") != std::string_view::npos &&
        (text_columns.find(column.name + ",") == 0 ||
         text_columns[text_columns.find(column.name + ",") - 1] == ',')) {
      column.known = true;
    }
    columns_.push_back(std::move(column));
  }
  return Status::Ok();
}

Status Normalizer::Detect() {
  bool has_dates = false, has_decimals = false;
  for (const Column& c : columns_) {
    has_dates |= c.role == ColumnRole::kDate || c.role == ColumnRole::kMonth;
    has_decimals |= c.role == ColumnRole::kDecimal;
  }
  const bool need_dates = has_dates && !options_.date_order;
  const bool need_decimal = has_decimals && !options_.decimal;
  Finding date_found, date_ambiguous, decimal_found, decimal_ambiguous;
  int64_t scanned = 0;
  if (need_dates || need_decimal) {
    while (rows_.Next()) {
      const auto& fields = rows_.fields();
      const auto& types = rows_.types();
      for (size_t i = 0; i < fields.size() && i < columns_.size(); ++i) {
        if (!types.empty() && types[i] != CellType::kText) continue;
        const ColumnRole role = columns_[i].role;
        Evidence e = Evidence::kNone;
        Finding* decided = nullptr;
        Finding* open = nullptr;
        if (need_dates && (role == ColumnRole::kDate || role == ColumnRole::kMonth) &&
            date_found.evidence == Evidence::kNone) {
          e = DateOrderEvidence(fields[i]);
          decided = &date_found;
          open = &date_ambiguous;
        } else if (need_decimal && role == ColumnRole::kDecimal &&
                   decimal_found.evidence == Evidence::kNone) {
          e = DecimalEvidence(fields[i]);
          decided = &decimal_found;
          open = &decimal_ambiguous;
        }
        if (e == Evidence::kNone || decided == nullptr) continue;
        Finding& target = e == Evidence::kAmbiguous ? *open : *decided;
        if (target.evidence != Evidence::kNone) continue;
        target = {e, rows_.Where(i), columns_[i].name, std::string(fields[i])};
      }
      if ((!need_dates || date_found.evidence != Evidence::kNone) &&
          (!need_decimal || decimal_found.evidence != Evidence::kNone)) {
        break;
      }
      // Nothing undecided seen in the first rows (a sheet's typed dates, whole amounts):
      // stop reading. A later value that only one reading allows is refused by Convert
      // (undecided_*), so this saves a pass without guessing.
      if (++scanned >= kDetectionRows && date_ambiguous.evidence == Evidence::kNone &&
          decimal_ambiguous.evidence == Evidence::kNone) {
        break;
      }
    }
    BW_RETURN_IF_ERROR(rows_.status());
    BW_RETURN_IF_ERROR(rows_.Rewind());
    if (!rows_.Next()) return rows_.status();  // the header again
  }
  auto add = [this](const std::string& part) {
    detected_ += (detected_.empty() ? "" : ", ") + part;
  };
  if (has_decimals) {
    if (options_.decimal) {
      decimal_ = *options_.decimal;
      add(std::string("decimal '") + (decimal_ == DecimalMark::kComma ? ',' : '.') + "' (given)");
    } else if (decimal_found.evidence != Evidence::kNone) {
      decimal_ =
          decimal_found.evidence == Evidence::kSecond ? DecimalMark::kComma : DecimalMark::kPoint;
      add(std::string("decimal '") + (decimal_ == DecimalMark::kComma ? ',' : '.') +
          "' (detected from " + Quoted(decimal_found.value) + ")");
    } else if (decimal_ambiguous.evidence == Evidence::kNone) {
      decimal_undecided_ = true;
    } else {
      const Finding& f = decimal_ambiguous;
      return InvalidArgument(f.where + ": " + f.column + ": " + Quoted(f.value) +
                             " could be a whole number with a thousands separator or a "
                             "decimal, and no value of the file tells which; use --decimal , "
                             "(1.234,56) or --decimal . (1,234.56)");
    }
  }
  if (has_dates) {
    if (options_.date_order) {
      date_order_ = *options_.date_order;
      add("dates " + std::string(DateOrderName(date_order_)) + " (given)");
    } else if (date_found.evidence != Evidence::kNone) {
      date_order_ = date_found.evidence == Evidence::kFirst ? DateOrder::kDayMonthYear
                                                            : DateOrder::kMonthDayYear;
      const bool slash = date_found.value.find('/') != std::string::npos;
      add("dates " +
          std::string(date_order_ == DateOrder::kMonthDayYear ? "MM/DD/YYYY"
                      : slash                                 ? "DD/MM/YYYY"
                                                              : "DD.MM.YYYY") +
          " (detected from " + Quoted(date_found.value) + ")");
    } else if (date_ambiguous.evidence == Evidence::kNone) {
      dates_undecided_ = true;
    } else {
      const Finding& f = date_ambiguous;
      return InvalidArgument(f.where + ": " + f.column + ": " + Quoted(f.value) +
                             " could be day/month or month/day, and no date of the file tells "
                             "which; use --date-format dd/mm/yyyy or --date-format mm/dd/yyyy "
                             "(or date_format in the profile)");
    }
  }
  return Status::Ok();
}

Status Normalizer::ValueError(size_t i, const std::string& what) const {
  StatusDetail detail;
  detail.file = rows_.name();
  detail.line = rows_.line();
  detail.field = columns_[i].name;
  return Status(StatusCode::kInvalidArgument,
                rows_.Where(i) + ": " + columns_[i].name + ": " + what, std::move(detail));
}

Status Normalizer::Convert(size_t i, std::string* out) const {
  const std::string_view value = rows_.fields()[i];
  const CellType type = rows_.types().empty() ? CellType::kText : rows_.types()[i];
  static const Column kExtraField;  // a field past the header's last name
  const Column& column = i < columns_.size() ? columns_[i] : kExtraField;
  if (type == CellType::kError) {
    if (!column.known) {
      out->clear();
      return Status::Ok();
    }
    return ValueError(i, "the cell holds the error " + std::string(value) +
                             "; fix the formula or clear the cell");
  }
  switch (column.role) {
    case ColumnRole::kText:
      out->assign(value);
      return Status::Ok();
    case ColumnRole::kDate:
    case ColumnRole::kMonth: {
      std::optional<Day> day;
      std::optional<MonthIndex> month;
      if (type == CellType::kDate && column.role == ColumnRole::kDate) {
        // A spreadsheet's date: the reader wrote it as a valid ISO date already.
        out->assign(value);
        return Status::Ok();
      }
      if (type == CellType::kNumber || type == CellType::kDate) {
        if (type == CellType::kDate) {
          day = ParseDate(value);
        } else {
          day = DayFromExcelSerial(std::strtod(std::string(value).c_str(), nullptr),
                                   rows_.date1904());
        }
        if (!day) return ValueError(i, Quoted(value) + " is not a date serial number of Excel");
        if (column.role == ColumnRole::kMonth) {
          *out = FormatMonth(MonthOf(*day));
        } else {
          *out = FormatDate(*day);
        }
        return Status::Ok();
      }
      if (value.find_first_not_of(" \t") == std::string_view::npos) {
        out->clear();
        return Status::Ok();
      }
      if (column.role == ColumnRole::kMonth) {
        month = ParseDialectMonth(value, date_order_);
        if (!month) {
          return ValueError(i, Quoted(value) +
                                   " is not a month (like 2026-03, 03/2026, 03.2026, März 2026 "
                                   "or Mar 2026)");
        }
        *out = FormatMonth(*month);
        return Status::Ok();
      }
      DateOrder order = date_order_;
      if (dates_undecided_) {
        // Nothing decided the order; a date that only one order allows is read so.
        const Evidence e = DateOrderEvidence(value);
        if (e == Evidence::kFirst) order = DateOrder::kDayMonthYear;
        if (e == Evidence::kSecond) order = DateOrder::kMonthDayYear;
      }
      day = ParseDialectDate(value, order);
      if (!day) {
        std::string what =
            Quoted(value) + " is not a date (" + std::string(DateOrderName(date_order_)) + ")";
        if (date_order_ == DateOrder::kIso && DateOrderEvidence(value) == Evidence::kAmbiguous) {
          what += "; use --date-format dd/mm/yyyy or --date-format mm/dd/yyyy";
        } else if (date_order_ != DateOrder::kIso &&
                   ParseDialectDate(value, date_order_ == DateOrder::kDayMonthYear
                                               ? DateOrder::kMonthDayYear
                                               : DateOrder::kDayMonthYear)) {
          what += "; the file's other dates are " + std::string(DateOrderName(date_order_)) +
                  " (--date-format decides)";
        }
        return ValueError(i, what);
      }
      *out = FormatDate(*day);
      return Status::Ok();
    }
    case ColumnRole::kDecimal: {
      if (type == CellType::kNumber) {
        out->assign(value);
        return Status::Ok();
      }
      if (value.find_first_not_of(" \t") == std::string_view::npos) {
        out->clear();
        return Status::Ok();
      }
      if (decimal_undecided_ && DecimalEvidence(value) == Evidence::kAmbiguous) {
        return ValueError(i, Quoted(value) +
                                 " could be a whole number with a thousands separator or a "
                                 "decimal, and no value before it told which; use --decimal , "
                                 "(1.234,56) or --decimal . (1,234.56)");
      }
      std::optional<std::string> number = NormalizeDecimal(value, decimal_);
      if (!number) {
        const DecimalMark other =
            decimal_ == DecimalMark::kComma ? DecimalMark::kPoint : DecimalMark::kComma;
        std::string what =
            Quoted(value) + " is not a number with decimal " +
            (decimal_ == DecimalMark::kComma ? "',' (like 1.234,56)" : "'.' (like 1,234.56)");
        if (NormalizeDecimal(value, other)) {
          what += std::string("; use --decimal ") + (other == DecimalMark::kComma ? "," : ".");
        }
        return ValueError(i, what);
      }
      *out = std::move(*number);
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status Normalizer::Start() {
  BW_RETURN_IF_ERROR(ReadHeader());
  return Detect();
}

Result<NormalizedFile> Normalizer::Rows(size_t chunk_bytes,
                                        const std::function<bool(std::string& chunk)>& emit) {
  NormalizedFile result;
  result.detected = detected_;
  std::string& out = result.csv;
  int64_t out_line = 1;
  // The header, on the header's line.
  for (int64_t l = out_line; l < rows_.line(); ++l) out.push_back('\n');
  out_line = std::max<int64_t>(out_line, rows_.line());
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendField(out, rows_.fields()[i]);
  }
  std::string converted;
  std::string row;  // the row's output, appended to `out` once every field converted
  while (rows_.Next()) {
    const auto& fields = rows_.fields();
    // Rows of empty cells (Excel's trailing ";;;;" lines, a sheet's formatted blank rows).
    bool empty = true;
    for (std::string_view f : fields) {
      if (f.find_first_not_of(" \t") != std::string_view::npos) {
        empty = false;
        break;
      }
    }
    if (empty) continue;
    ++result.rows;
    row.clear();
    Status status;
    int64_t row_lines = 0;  // line ends inside the row's fields
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) row.push_back(',');
      if (columns_.size() > i && columns_[i].role == ColumnRole::kText &&
          (rows_.types().empty() || rows_.types()[i] != CellType::kError)) {
        // Text passes through: no copy.
        row_lines += AppendField(row, fields[i]);
        continue;
      }
      status = Convert(i, &converted);
      if (!status.ok()) break;
      row_lines += AppendField(row, converted);
    }
    if (!status.ok()) {
      if (!options_.skip_invalid) return status;
      ++result.rows_rejected;
      if (options_.on_reject) {
        options_.on_reject(rows_.name(), rows_.line(),
                           std::vector<std::string>(fields.begin(), fields.end()),
                           status.message());
      }
      continue;
    }
    // A chunk ends with a whole row, right before the line end that starts the next.
    if (emit && out.size() >= chunk_bytes) {
      if (!emit(out)) return Unavailable(rows_.name() + ": conversion stopped");
      out.clear();
    }
    // The row starts on its source line: pad with blank lines, which the strict reader
    // skips but counts.
    out.push_back('\n');
    ++out_line;
    for (; out_line < rows_.line(); ++out_line) out.push_back('\n');
    out.append(row);
    out_line += row_lines;
  }
  BW_RETURN_IF_ERROR(rows_.status());
  out.push_back('\n');
  return result;
}

namespace {

bool IsPlainDecimal(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == text.npos ? std::string_view() : text.substr(dot + 1);
  auto digits = [](std::string_view t) {
    return t.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return !whole.empty() && digits(whole) && digits(fraction) &&
         (dot == text.npos || !fraction.empty());
}

}  // namespace

bool LooksStrict(size_t file_index, RowSource& rows) {
  if (file_index >= std::size(kTextColumns) || !rows.Next()) return false;
  std::vector<ColumnRole> roles;
  for (std::string_view raw : rows.fields()) {
    const std::string name = NormalizeColumnName(raw);
    ColumnRole role = ColumnRole::kText;
    for (const TypedColumn& typed : kTypedColumns) {
      if (typed.file == file_index && typed.column == name) role = typed.role;
    }
    roles.push_back(role);
  }
  while (rows.Next()) {
    const auto& fields = rows.fields();
    for (size_t i = 0; i < fields.size() && i < roles.size(); ++i) {
      const std::string_view v = fields[i];
      if (v.empty()) continue;
      switch (roles[i]) {
        case ColumnRole::kText:
          break;
        case ColumnRole::kDate:
          if (!ParseDate(v)) return false;
          break;
        case ColumnRole::kMonth:
          if (!ParseMonth(v)) return false;
          break;
        case ColumnRole::kDecimal:
          if (!IsPlainDecimal(v)) return false;
          break;
      }
    }
  }
  return rows.status().ok();
}

Result<NormalizedFile> NormalizeToImportFormat(size_t file_index, RowSource& rows,
                                               const NormalizeOptions& options) {
  if (file_index >= std::size(kTextColumns)) return Internal("normalizer: unknown file");
  Normalizer normalizer(file_index, rows, options);
  BW_RETURN_IF_ERROR(normalizer.Start());
  return normalizer.Rows(0, {});
}

StreamingNormalizer::StreamingNormalizer(size_t file_index, RowSource& rows,
                                         const NormalizeOptions& options)
    : file_index_(file_index), impl_(std::make_unique<Normalizer>(file_index, rows, options)) {}

StreamingNormalizer::~StreamingNormalizer() = default;

Status StreamingNormalizer::Start() {
  if (file_index_ >= std::size(kTextColumns)) return Internal("normalizer: unknown file");
  return impl_->Start();
}

const std::string& StreamingNormalizer::detected() const { return impl_->detected(); }

Result<NormalizedFile> StreamingNormalizer::Rows(
    size_t chunk_bytes, const std::function<bool(std::string& chunk)>& emit) {
  return impl_->Rows(chunk_bytes, emit);
}

std::optional<Day> DayFromExcelSerial(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466) return std::nullopt;
  const auto whole = static_cast<int64_t>(std::floor(serial));
  if (date1904) return static_cast<Day>(DayFromCivil(1904, 1, 1) + whole);
  if (whole == 0) return std::nullopt;   // "1900-01-00"
  if (whole == 60) return std::nullopt;  // 1900-02-29, which Excel counts but never was
  // Serials 1..59 count from 1899-12-31; from 61 on one more day is counted (the bug).
  const Day base = DayFromCivil(1899, 12, 31);
  return static_cast<Day>(base + whole - (whole > 60 ? 1 : 0));
}

}  // namespace bw::io
