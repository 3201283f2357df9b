#include "io/dialect_writer.h"

#include <iconv.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/date.h"
#include "io/csv_reader.h"
#include "io/data_set_reader.h"

namespace bw::io {
namespace {

enum class Kind { kText, kDate, kMonth, kDecimal };

Kind KindOf(size_t file, std::string_view column) {
  if (column == "created_on" || column == "churned_on" || column == "left_on" ||
      column == "sent_on" || column == "responded_on" || column == "occurred_on" ||
      column == "observed_on") {
    return Kind::kDate;
  }
  if (file == 2 && column == "month") return Kind::kMonth;
  if ((file == 2 && column == "amount") || (file == 6 && column == "value")) return Kind::kDecimal;
  return Kind::kText;
}

constexpr const char* kGermanMonths[] = {"Januar",    "Februar", "März",     "April",
                                         "Mai",       "Juni",    "Juli",     "August",
                                         "September", "Oktober", "November", "Dezember"};

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string WriteDate(std::string_view iso, DateOrder order) {
  const std::optional<Day> day = ParseDate(iso);
  if (!day) return std::string(iso);
  const CivilDate c = CivilFromDay(*day);
  switch (order) {
    case DateOrder::kIso:
      return std::string(iso);
    case DateOrder::kDayMonthYear:
      return TwoDigits(c.day) + "." + TwoDigits(c.month) + "." + std::to_string(c.year);
    case DateOrder::kMonthDayYear:
      return TwoDigits(c.month) + "/" + TwoDigits(c.day) + "/" + std::to_string(c.year);
  }
  return std::string(iso);
}

std::string WriteDecimal(std::string_view plain, const DialectWriteOptions& o) {
  std::string text(plain);
  const bool negative = text.starts_with('-');
  if (negative) text.erase(0, 1);
  const size_t dot = text.find_first_of(".eE");
  if (dot != std::string::npos && text[dot] != '.') return std::string(plain);  // exponent
  std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (o.thousands_separator) {
    const char group = o.decimal == DecimalMark::kComma ? '.' : ',';
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) {
      whole.insert(static_cast<size_t>(i), 1, group);
    }
  }
  std::string out = (negative ? "-" : "") + whole;
  if (dot != std::string::npos) out += (o.decimal == DecimalMark::kComma ? "," : ".") + fraction;
  return out;
}

std::string Field(std::string_view value, char delimiter) {
  if (value.find_first_of(std::string("\"\r\n") + delimiter) == std::string_view::npos) {
    return std::string(value);
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Result<std::string> Encode(const std::string& utf8, TextEncoding encoding,
                           const std::string& name) {
  const char* to = nullptr;
  std::string prefix;
  switch (encoding) {
    case TextEncoding::kUtf8:
      return utf8;
    case TextEncoding::kUtf8Bom:
      return "\xEF\xBB\xBF" + utf8;
    case TextEncoding::kUtf16Le:
      to = "UTF-16LE";
      prefix = "\xFF\xFE";
      break;
    case TextEncoding::kUtf16Be:
      to = "UTF-16BE";
      prefix = "\xFE\xFF";
      break;
    case TextEncoding::kWindows1252:
      to = "WINDOWS-1252";
      break;
    case TextEncoding::kIso8859_15:
      to = "ISO-8859-15";
      break;
  }
  iconv_t cd = ::iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return Internal(std::string("iconv: no ") + to);
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const size_t r = ::iconv(cd, &in, &in_left, &out_ptr, &out_left);
  ::iconv_close(cd);
  if (r == static_cast<size_t>(-1)) {
    const size_t offset = static_cast<size_t>(in - utf8.data());
    const int64_t line =
        1 + std::count(utf8.begin(), utf8.begin() + static_cast<long>(offset), '\n');
    return InvalidArgument(name + ":" + std::to_string(line) + ": text that " +
                           std::string(EncodingName(encoding)) + " cannot hold");
  }
  out.resize(static_cast<size_t>(out_ptr - out.data()));
  return prefix + out;
}

}  // namespace

Result<DialectWriteOptions> DialectByName(const std::string& name) {
  DialectWriteOptions o;
  if (name == "german-excel") {
    o.thousands_separator = true;
    return o;
  }
  if (name == "pipe") {
    o.delimiter = '|';
    o.encoding = TextEncoding::kUtf8;
    o.decimal = DecimalMark::kPoint;
    o.date_order = DateOrder::kIso;
    o.crlf = false;
    return o;
  }
  if (name == "us-excel") {
    o.delimiter = ',';
    o.decimal = DecimalMark::kPoint;
    o.date_order = DateOrder::kMonthDayYear;
    return o;
  }
  if (name == "tab-utf16") {
    o.delimiter = '\t';
    o.encoding = TextEncoding::kUtf16Le;
    o.decimal = DecimalMark::kPoint;
    o.date_order = DateOrder::kIso;
    o.crlf = false;
    return o;
  }
  return InvalidArgument("--dialect: \"" + name +
                         "\" is not a dialect (german-excel, us-excel, tab-utf16, pipe)");
}

// NOLINTNEXTLINE(readability-function-size): one pass per file, reading and writing in step
Status WriteDialectDataSet(const std::string& strict_dir, const std::string& out_dir,
                           const DialectWriteOptions& options) {
  for (size_t file = 0; file < kDataSetFileCount; ++file) {
    const std::string name(DataSetFileName(file));
    const std::string path = std::string(strict_dir).append("/").append(name);
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) continue;
    BW_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::OpenFile(path, name));
    std::vector<Kind> kinds;
    std::string text;
    const char* eol = options.crlf ? "\r\n" : "\n";
    bool header = true;
    while (reader.Next()) {
      const auto& fields = reader.fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) text += options.delimiter;
        std::string value(fields[i]);
        if (header) {
          kinds.push_back(KindOf(file, value));
        } else if (i < kinds.size() && !value.empty()) {
          switch (kinds[i]) {
            case Kind::kText:
              break;
            case Kind::kDate:
              value = WriteDate(value, options.date_order);
              break;
            case Kind::kMonth:
              if (const std::optional<MonthIndex> m = ParseMonth(value)) {
                const int year = *m / 12, month = *m % 12 + 1;
                value =
                    options.month_names
                        ? std::string(kGermanMonths[month - 1]) + " " + std::to_string(year)
                        : TwoDigits(month) +
                              (options.date_order == DateOrder::kIso
                                   ? "/"
                                   : (options.date_order == DateOrder::kDayMonthYear ? "." : "/")) +
                              std::to_string(year);
              }
              break;
            case Kind::kDecimal:
              value = WriteDecimal(value, options);
              break;
          }
        }
        text += Field(value, options.delimiter);
      }
      text += eol;
      header = false;
    }
    BW_RETURN_IF_ERROR(reader.status());
    BW_ASSIGN_OR_RETURN(const std::string bytes, Encode(text, options.encoding, name));
    const std::string out_path = std::string(out_dir).append("/").append(name);
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return IoError("cannot write " + out_path);
  }
  return Status::Ok();
}

}  // namespace bw::io
