#include "io/dialect.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "core/ascii.h"
#include "io/csv_reader.h"

namespace bw::io {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string HexByte(unsigned char b) {
  constexpr char kHex[] = "0123456789ABCDEF";
  return {kHex[b >> 4], kHex[b & 15]};
}

// The 1-based line of byte `offset` of `text`.
int64_t LineAt(std::string_view text, size_t offset) {
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

// Converts `input` from `from` to UTF-8 with iconv. A byte sequence that is not valid in
// `from` is an error naming its line (of the input, counted in `from`'s own line ends).
Result<std::string> Iconv(std::string_view input, const char* from, const std::string& name,
                          std::string_view encoding_name, size_t unit) {
  iconv_t cd = ::iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Internal(std::string("iconv cannot convert from ") + from);
  }
  std::string out;
  out.resize(input.size() * (unit == 1 ? 3 : 2) + 16);
  char* in_ptr = const_cast<char*>(input.data());
  size_t in_left = input.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  Status status;
  while (in_left > 0) {
    const size_t r = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      const size_t used = static_cast<size_t>(out_ptr - out.data());
      out.resize(out.size() * 2);
      out_ptr = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    const size_t offset = static_cast<size_t>(in_ptr - input.data());
    // The line of the bad bytes: count the line ends converted so far.
    const int64_t line =
        LineAt(std::string_view(out.data(), static_cast<size_t>(out_ptr - out.data())),
               static_cast<size_t>(out_ptr - out.data()));
    status =
        InvalidArgument(name + ":" + std::to_string(line) + ": byte " + std::to_string(offset) +
                        " is not valid " + std::string(encoding_name) +
                        (errno == EINVAL ? " (the file ends inside a character)" : "") +
                        "; use --encoding to name the file's encoding");
    break;
  }
  ::iconv_close(cd);
  if (!status.ok()) return status;
  out.resize(static_cast<size_t>(out_ptr - out.data()));
  return out;
}

// Bytes that Windows-1252 and ISO-8859-15 read as different characters (above 0x9F).
constexpr std::array<unsigned char, 8> kLatin9Differs = {0xA4, 0xA6, 0xA8, 0xB4,
                                                         0xB8, 0xBC, 0xBD, 0xBE};

}  // namespace

Result<char> ParseDelimiterOption(std::string_view text) {
  const std::string t = AsciiLower(text);
  if (t == "," || t == "comma") return ',';
  if (t == ";" || t == "semicolon") return ';';
  if (t == "\t" || t == "tab" || t == "\\t") return '\t';
  if (t == "|" || t == "pipe") return '|';
  return InvalidArgument("--delimiter: \"" + std::string(text) +
                         "\" is not a delimiter (one of , ; tab |)");
}

Result<TextEncoding> ParseEncodingOption(std::string_view text) {
  const std::string t = AsciiLower(text);
  if (t == "utf-8" || t == "utf8") return TextEncoding::kUtf8;
  if (t == "utf-16le" || t == "utf16le") return TextEncoding::kUtf16Le;
  if (t == "utf-16be" || t == "utf16be") return TextEncoding::kUtf16Be;
  if (t == "utf-16" || t == "utf16") return TextEncoding::kUtf16Le;  // the mark decides
  if (t == "windows-1252" || t == "cp1252" || t == "win-1252") return TextEncoding::kWindows1252;
  if (t == "iso-8859-15" || t == "latin-9" || t == "latin9" || t == "iso8859-15") {
    return TextEncoding::kIso8859_15;
  }
  return InvalidArgument("--encoding: \"" + std::string(text) +
                         "\" is not an encoding (utf-8, utf-16, utf-16le, utf-16be, "
                         "windows-1252, iso-8859-15)");
}

Result<DecimalMark> ParseDecimalOption(std::string_view text) {
  if (text == ".") return DecimalMark::kPoint;
  if (text == ",") return DecimalMark::kComma;
  return InvalidArgument("--decimal: \"" + std::string(text) + "\" is not a decimal mark (. or ,)");
}

Result<DateOrder> ParseDateFormatOption(std::string_view text) {
  const std::string t = AsciiLower(text);
  if (t == "yyyy-mm-dd" || t == "iso") return DateOrder::kIso;
  if (t == "dd.mm.yyyy" || t == "dd/mm/yyyy") return DateOrder::kDayMonthYear;
  if (t == "mm/dd/yyyy") return DateOrder::kMonthDayYear;
  return InvalidArgument("--date-format: \"" + std::string(text) +
                         "\" is not a date format (yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy, "
                         "mm/dd/yyyy)");
}

Result<DialectOverrides> ParseDialectOptions(const DialectOptionTexts& texts) {
  DialectOverrides overrides;
  if (!texts.delimiter.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.delimiter, ParseDelimiterOption(texts.delimiter));
  }
  if (!texts.encoding.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.encoding, ParseEncodingOption(texts.encoding));
  }
  if (!texts.decimal.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.decimal, ParseDecimalOption(texts.decimal));
  }
  if (!texts.date_format.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.date_order, ParseDateFormatOption(texts.date_format));
  }
  return overrides;
}

std::string_view EncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf8Bom:
      return "UTF-8 with byte order mark";
    case TextEncoding::kUtf16Le:
      return "UTF-16LE";
    case TextEncoding::kUtf16Be:
      return "UTF-16BE";
    case TextEncoding::kWindows1252:
      return "Windows-1252";
    case TextEncoding::kIso8859_15:
      return "ISO-8859-15";
  }
  return "?";
}

std::string DelimiterName(char delimiter) {
  if (delimiter == '\t') return "tab";
  return std::string("'") + delimiter + "'";
}

std::string_view DateOrderName(DateOrder order) {
  switch (order) {
    case DateOrder::kIso:
      return "YYYY-MM-DD";
    case DateOrder::kDayMonthYear:
      return "DD.MM.YYYY";
    case DateOrder::kMonthDayYear:
      return "MM/DD/YYYY";
  }
  return "?";
}

Result<DecodedText> DecodeText(std::string_view bytes, const std::string& name,
                               std::optional<TextEncoding> forced) {
  DecodedText out;
  const bool utf8_bom = bytes.starts_with("\xEF\xBB\xBF");
  const bool utf16le_bom = bytes.starts_with("\xFF\xFE");
  const bool utf16be_bom = bytes.starts_with("\xFE\xFF");
  TextEncoding encoding;
  if (forced) {
    out.detected = false;
    encoding = *forced;
    // "utf-16" means: the byte order mark tells the byte order.
    if (encoding == TextEncoding::kUtf16Le && utf16be_bom) encoding = TextEncoding::kUtf16Be;
    if (encoding == TextEncoding::kUtf8 && utf8_bom) encoding = TextEncoding::kUtf8Bom;
  } else if (utf8_bom) {
    encoding = TextEncoding::kUtf8Bom;
  } else if (utf16le_bom) {
    encoding = TextEncoding::kUtf16Le;
  } else if (utf16be_bom) {
    encoding = TextEncoding::kUtf16Be;
  } else if (bytes.find('\0') != std::string_view::npos) {
    return InvalidArgument(name + ":" + std::to_string(LineAt(bytes, bytes.find('\0'))) +
                           ": holds NUL bytes: UTF-16 without a byte order mark? use "
                           "--encoding utf-16le or --encoding utf-16be");
  } else if (IsValidUtf8(bytes)) {
    encoding = TextEncoding::kUtf8;
  } else {
    // A single-byte encoding. 0x80..0x9F are control codes in ISO-8859-15 that no text
    // holds, and letters and signs (€ „ “ – …) in Windows-1252.
    size_t c1 = std::string_view::npos, differs = std::string_view::npos;
    for (size_t i = 0; i < bytes.size(); ++i) {
      const auto b = static_cast<unsigned char>(bytes[i]);
      if (b >= 0x80 && b <= 0x9F && c1 == std::string_view::npos) c1 = i;
      if (differs == std::string_view::npos &&
          std::find(kLatin9Differs.begin(), kLatin9Differs.end(), b) != kLatin9Differs.end()) {
        differs = i;
      }
    }
    if (c1 == std::string_view::npos && differs != std::string_view::npos) {
      return InvalidArgument(
          name + ":" + std::to_string(LineAt(bytes, differs)) + ": not UTF-8, and byte 0x" +
          HexByte(static_cast<unsigned char>(bytes[differs])) +
          " reads differently in Windows-1252 and ISO-8859-15 (e.g. '¤' or '€'); use "
          "--encoding windows-1252 or --encoding iso-8859-15");
    }
    encoding = TextEncoding::kWindows1252;
  }
  out.encoding = encoding;
  switch (encoding) {
    case TextEncoding::kUtf8:
    case TextEncoding::kUtf8Bom: {
      std::string_view text = bytes;
      if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
      if (!IsValidUtf8(text)) {
        // Find the line of the first bad byte for the message.
        size_t good = 0;
        size_t line_start = 0;
        for (size_t i = 0; i < text.size(); ++i) {
          if (text[i] == '\n') {
            if (!IsValidUtf8(text.substr(line_start, i - line_start))) break;
            line_start = i + 1;
            good = i + 1;
          }
        }
        return InvalidArgument(name + ":" + std::to_string(LineAt(text, good)) +
                               ": invalid UTF-8; use --encoding windows-1252 (or the file's "
                               "encoding)");
      }
      if (text.size() == bytes.size()) {
        out.borrowed = bytes;
      } else {
        out.storage.assign(text);
        out.owns = true;
      }
      return out;
    }
    case TextEncoding::kUtf16Le:
    case TextEncoding::kUtf16Be: {
      std::string_view body = bytes;
      if (body.starts_with("\xFF\xFE") || body.starts_with("\xFE\xFF")) body.remove_prefix(2);
      const bool le = encoding == TextEncoding::kUtf16Le;
      BW_ASSIGN_OR_RETURN(
          out.storage, Iconv(body, le ? "UTF-16LE" : "UTF-16BE", name, EncodingName(encoding), 2));
      break;
    }
    case TextEncoding::kWindows1252: {
      BW_ASSIGN_OR_RETURN(out.storage,
                          Iconv(bytes, "WINDOWS-1252", name, EncodingName(encoding), 1));
      break;
    }
    case TextEncoding::kIso8859_15: {
      BW_ASSIGN_OR_RETURN(out.storage,
                          Iconv(bytes, "ISO-8859-15", name, EncodingName(encoding), 1));
      break;
    }
  }
  out.owns = true;
  return out;
}

Result<char> DetectDelimiter(std::string_view text, const std::string& name) {
  constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  constexpr int kSampleRows = 50;
  // Field counts per candidate for each of the first rows (outside quotes).
  std::array<std::vector<int>, 4> counts;
  std::array<int, 4> current = {1, 1, 1, 1};
  bool in_quotes = false;
  bool row_has_text = false;
  int rows = 0;
  for (size_t i = 0; i < text.size() && rows < kSampleRows; ++i) {
    const char c = text[i];
    if (c == '"') {
      in_quotes = !in_quotes;
      row_has_text = true;
    } else if (!in_quotes && (c == '\n' || c == '\r')) {
      if (row_has_text) {
        for (size_t k = 0; k < 4; ++k) counts[k].push_back(current[k]);
        ++rows;
      }
      current = {1, 1, 1, 1};
      row_has_text = false;
    } else {
      if (!in_quotes) {
        for (size_t k = 0; k < 4; ++k) current[k] += c == kCandidates[k] ? 1 : 0;
      }
      row_has_text = true;
    }
  }
  if (row_has_text && rows < kSampleRows) {
    for (size_t k = 0; k < 4; ++k) counts[k].push_back(current[k]);
  }
  if (counts[0].empty())
    return InvalidArgument(name + ":1: header row missing (the file is empty)");
  std::vector<size_t> fitting;
  for (size_t k = 0; k < 4; ++k) {
    const int header = counts[k][0];
    if (header < 2) continue;
    // Every sampled row splits into as many fields as the header (a row with fewer, e.g.
    // Excel's trailing empty cells cut off, still fits when it is the only kind).
    const bool consistent =
        std::all_of(counts[k].begin(), counts[k].end(), [header](int n) { return n == header; });
    if (consistent) fitting.push_back(k);
  }
  if (fitting.size() == 1) return kCandidates[fitting[0]];
  if (fitting.empty()) {
    // No candidate splits every row evenly: the one the header uses most, if one does.
    size_t best = 4;
    int best_count = 1;
    bool tie = false;
    for (size_t k = 0; k < 4; ++k) {
      if (counts[k][0] > best_count) {
        best = k;
        best_count = counts[k][0];
        tie = false;
      } else if (counts[k][0] == best_count && best_count > 1) {
        tie = true;
      }
    }
    if (best < 4 && !tie) return kCandidates[best];
    return InvalidArgument(name +
                           ":1: no delimiter found (the header is not split by , ; tab or |); "
                           "use --delimiter");
  }
  // Several split every row evenly: the header's names tell only if one splits far more.
  std::string list;
  for (size_t k : fitting) list += (list.empty() ? "" : " and ") + DelimiterName(kCandidates[k]);
  return InvalidArgument(name + ":1: the delimiter could be " + list +
                         " (each splits every row alike); use --delimiter");
}

DelimitedRows::DelimitedRows(std::string_view text, char delimiter, std::string name)
    : text_(text), delimiter_(delimiter), name_(std::move(name)) {}

Status DelimitedRows::Rewind() {
  pos_ = 0;
  line_ = 1;
  row_line_ = 0;
  status_ = Status::Ok();
  fields_.clear();
  return Status::Ok();
}

std::string DelimitedRows::Where(size_t) const { return name_ + ":" + std::to_string(row_line_); }

bool DelimitedRows::Fail(std::string_view what) {
  status_ = InvalidArgument(name_ + ":" + std::to_string(line_) +
                            ": malformed CSV: " + std::string(what));
  pos_ = text_.size();
  return false;
}

bool DelimitedRows::Next() {
  fields_.clear();
  scratch_.clear();
  scratch_fields_.clear();
  if (!status_.ok()) return false;
  const size_t n = text_.size();
  // Skip blank lines.
  while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  row_line_ = line_;
  const size_t row_start = pos_;
  while (true) {
    if (fields_.size() >= kDefaultMaxFields) {
      return Fail("more than " + std::to_string(kDefaultMaxFields) + " fields in a row");
    }
    if (pos_ < n && text_[pos_] == '"') {
      ++pos_;
      const size_t offset = scratch_.size();
      while (true) {
        const size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) return Fail("unterminated quoted field");
        const std::string_view part = text_.substr(pos_, quote - pos_);
        line_ += std::count(part.begin(), part.end(), '\n');
        scratch_.append(part);
        pos_ = quote + 1;
        if (pos_ < n && text_[pos_] == '"') {
          scratch_.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (scratch_.size() - offset > kDefaultMaxFieldBytes) return Fail("field longer than 1 MiB");
      scratch_fields_.push_back({fields_.size(), offset});
      fields_.push_back({});  // set below, once scratch_ stops moving
      // Spaces after a closing quote are tolerated (some tools pad).
      while (pos_ < n && text_[pos_] == ' ') ++pos_;
      if (pos_ < n && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        return Fail("characters after a closing quote");
      }
    } else {
      const size_t start = pos_;
      while (pos_ < n && text_[pos_] != delimiter_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        if (text_[pos_] == '"') return Fail("quote inside an unquoted field");
        ++pos_;
      }
      if (pos_ - start > kDefaultMaxFieldBytes) return Fail("field longer than 1 MiB");
      fields_.push_back(text_.substr(start, pos_ - start));
    }
    if (pos_ < n && text_[pos_] == delimiter_) {
      ++pos_;
      if (pos_ >= n || text_[pos_] == '\n' || text_[pos_] == '\r') {
        fields_.push_back({});  // an empty last field
      } else {
        continue;
      }
    }
    break;
  }
  // An empty last field after a delimiter is pushed past the check in the loop.
  if (fields_.size() > kDefaultMaxFields) {
    return Fail("more than " + std::to_string(kDefaultMaxFields) + " fields in a row");
  }
  // The row's line end.
  if (pos_ < n && text_[pos_] == '\r') ++pos_;
  if (pos_ < n && text_[pos_] == '\n') {
    ++pos_;
    ++line_;
  }
  if (pos_ - row_start > kDefaultMaxRowBytes) return Fail("row longer than 8 MiB");
  // Quoted fields point into scratch_, which no longer grows for this row.
  for (size_t i = 0; i < scratch_fields_.size(); ++i) {
    const size_t end =
        i + 1 < scratch_fields_.size() ? scratch_fields_[i + 1].second : scratch_.size();
    fields_[scratch_fields_[i].first] = std::string_view(scratch_).substr(
        scratch_fields_[i].second, end - scratch_fields_[i].second);
  }
  return true;
}

Evidence DecimalEvidence(std::string_view text) {
  size_t dots = 0, commas = 0, last_dot = 0, last_comma = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') {
      ++dots;
      last_dot = i;
    } else if (text[i] == ',') {
      ++commas;
      last_comma = i;
    }
  }
  if (dots == 0 && commas == 0) return Evidence::kNone;
  if (dots > 0 && commas > 0) return last_dot > last_comma ? Evidence::kFirst : Evidence::kSecond;
  if (dots > 1) return Evidence::kSecond;   // 1.234.567: dots group thousands
  if (commas > 1) return Evidence::kFirst;  // 1,234,567: commas group thousands
  const size_t mark = dots == 1 ? last_dot : last_comma;
  size_t digits = 0;
  while (mark + 1 + digits < text.size() && IsDigit(text[mark + 1 + digits])) ++digits;
  // "0.500" or ",5": a thousands group never follows a lone 0 or nothing.
  const std::string_view whole = Trim(text.substr(0, mark));
  const bool whole_zero = whole.empty() || whole == "0" || whole == "-0" || whole == "-";
  if (digits == 3 && !whole_zero) return Evidence::kAmbiguous;
  return dots == 1 ? Evidence::kFirst : Evidence::kSecond;
}

namespace {

// Splits "A<sep>B<sep>YYYY" (1-2 digit A and B, 4-digit year) into numbers.
struct DateParts {
  int a = 0, b = 0, year = 0;
  char separator = 0;
};

std::string_view StripTime(std::string_view text) {
  text = Trim(text);
  const size_t cut = text.find_first_of(" T");
  if (cut != std::string_view::npos) {
    const std::string_view time = Trim(text.substr(cut + 1));
    // "00:00", "00:00:00", "0:00", also "12:00 AM" style: anything of digits, ':' and AM/PM.
    bool looks_like_time = !time.empty() && time.find(':') != std::string_view::npos;
    for (char c : time) {
      if (!(IsDigit(c) || c == ':' || c == ' ' || c == '.' || c == 'A' || c == 'P' || c == 'M' ||
            c == 'a' || c == 'p' || c == 'm')) {
        looks_like_time = false;
      }
    }
    if (looks_like_time) text = text.substr(0, cut);
  }
  return text;
}

std::optional<DateParts> SplitDate(std::string_view text) {
  DateParts parts;
  size_t i = 0;
  auto number = [&](int max_digits, int* out) {
    int digits = 0;
    int value = 0;
    while (i < text.size() && IsDigit(text[i]) && digits < max_digits) {
      value = value * 10 + (text[i] - '0');
      ++i;
      ++digits;
    }
    *out = value;
    return digits;
  };
  if (number(2, &parts.a) == 0) return std::nullopt;
  if (i >= text.size() || (text[i] != '.' && text[i] != '/')) return std::nullopt;
  parts.separator = text[i++];
  if (number(2, &parts.b) == 0) return std::nullopt;
  if (i >= text.size() || text[i] != parts.separator) return std::nullopt;
  ++i;
  if (number(4, &parts.year) != 4 || i != text.size()) return std::nullopt;
  return parts;
}

std::optional<Day> MakeDay(int year, int month, int day) {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const Day d = DayFromCivil(year, month, day);
  const CivilDate back = CivilFromDay(d);
  if (back.month != month || back.day != day) return std::nullopt;
  return d;
}

}  // namespace

Evidence DateOrderEvidence(std::string_view text) {
  const std::optional<DateParts> parts = SplitDate(StripTime(text));
  if (!parts) return Evidence::kNone;
  if (parts->separator == '.') return Evidence::kFirst;
  if (parts->a > 12 && parts->b <= 12) return Evidence::kFirst;
  if (parts->b > 12 && parts->a <= 12) return Evidence::kSecond;
  if (parts->a == parts->b) return Evidence::kNone;
  return Evidence::kAmbiguous;
}

std::optional<std::string> NormalizeDecimal(std::string_view text, DecimalMark mark) {
  text = Trim(text);
  // A currency sign before or after (Excel writes a currency cell's display text).
  for (std::string_view sign : {"€", "EUR", "$", "USD"}) {
    if (text.starts_with(sign)) text = Trim(text.substr(sign.size()));
    if (text.ends_with(sign)) text = Trim(text.substr(0, text.size() - sign.size()));
  }
  const char decimal = mark == DecimalMark::kPoint ? '.' : ',';
  const char group = mark == DecimalMark::kPoint ? ',' : '.';
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i] == '-') out.push_back('-');
    ++i;
  }
  // The whole part: digits, maybe grouped by threes.
  size_t digits_in_group = 0;
  bool grouped = false;
  size_t whole_digits = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (IsDigit(c)) {
      out.push_back(c);
      ++digits_in_group;
      ++whole_digits;
      ++i;
      continue;
    }
    const bool nbsp = text.substr(i).starts_with("\xC2\xA0");
    if (c == group || c == ' ' || c == '\'' || nbsp) {
      // A group separator follows 1-3 digits (first group) or exactly 3.
      if (digits_in_group == 0 || (grouped && digits_in_group != 3) || digits_in_group > 3) {
        return std::nullopt;
      }
      grouped = true;
      digits_in_group = 0;
      i += nbsp ? 2 : 1;
      continue;
    }
    break;
  }
  if (grouped && digits_in_group != 3) return std::nullopt;
  size_t fraction_digits = 0;
  if (i < text.size() && text[i] == decimal) {
    ++i;
    out.push_back('.');
    while (i < text.size() && IsDigit(text[i])) {
      out.push_back(text[i]);
      ++i;
      ++fraction_digits;
    }
    if (fraction_digits == 0) out.pop_back();
  }
  if (i != text.size() || whole_digits + fraction_digits == 0) return std::nullopt;
  if (whole_digits == 0) out.insert(out.starts_with('-') ? 1 : 0, "0");
  return out;
}

std::optional<Day> ParseDialectDate(std::string_view text, DateOrder order) {
  text = StripTime(text);
  if (const std::optional<Day> iso = ParseDate(text)) return iso;
  // YYYY/MM/DD (no order question).
  if (text.size() == 10 && text[4] == '/' && text[7] == '/') {
    std::string iso(text);
    iso[4] = iso[7] = '-';
    return ParseDate(iso);
  }
  const std::optional<DateParts> parts = SplitDate(text);
  if (!parts) return std::nullopt;
  if (parts->separator == '.') {
    // Dots are day-first wherever they are used, whatever order the slashes take.
    return MakeDay(parts->year, parts->b, parts->a);
  }
  switch (order) {
    case DateOrder::kDayMonthYear:
      return MakeDay(parts->year, parts->b, parts->a);
    case DateOrder::kMonthDayYear:
      return MakeDay(parts->year, parts->a, parts->b);
    case DateOrder::kIso:
      if (parts->a == parts->b) return MakeDay(parts->year, parts->a, parts->b);
      return std::nullopt;
  }
  return std::nullopt;
}

namespace {

struct MonthName {
  std::string_view name;
  int month;
};
// German and English names and their usual abbreviations, lower case (UTF-8).
constexpr MonthName kMonthNames[] = {
    {"januar", 1},    {"january", 1}, {"jan", 1},       {"jänner", 1},   {"februar", 2},
    {"february", 2},  {"feb", 2},     {"märz", 3},      {"maerz", 3},    {"march", 3},
    {"mär", 3},       {"mrz", 3},     {"mar", 3},       {"april", 4},    {"apr", 4},
    {"mai", 5},       {"may", 5},     {"juni", 6},      {"june", 6},     {"jun", 6},
    {"juli", 7},      {"july", 7},    {"jul", 7},       {"august", 8},   {"aug", 8},
    {"september", 9}, {"sept", 9},    {"sep", 9},       {"oktober", 10}, {"october", 10},
    {"okt", 10},      {"oct", 10},    {"november", 11}, {"nov", 11},     {"dezember", 12},
    {"december", 12}, {"dez", 12},    {"dec", 12}};

}  // namespace

std::optional<MonthIndex> ParseDialectMonth(std::string_view text, DateOrder order) {
  text = Trim(text);
  if (const std::optional<MonthIndex> iso = ParseMonth(text)) return iso;
  // MM/YYYY, MM.YYYY, M/YYYY, YYYY/MM.
  for (char separator : {'/', '.'}) {
    const size_t cut = text.find(separator);
    if (cut == std::string_view::npos || text.find(separator, cut + 1) != std::string_view::npos) {
      continue;
    }
    const std::string_view first = text.substr(0, cut), second = text.substr(cut + 1);
    auto all_digits = [](std::string_view t) {
      return !t.empty() && std::all_of(t.begin(), t.end(), IsDigit);
    };
    if (!all_digits(first) || !all_digits(second)) continue;
    std::string_view month = first, year = second;
    if (first.size() == 4) std::swap(month, year);
    if (year.size() != 4 || month.size() > 2) continue;
    const int m = std::stoi(std::string(month));
    const int y = std::stoi(std::string(year));
    if (m >= 1 && m <= 12 && y >= 1000) return MakeMonthIndex(y, m);
    return std::nullopt;
  }
  // "März 2026", "Mar 2026", "Mrz. 2026", "March-2026".
  const size_t space = text.find_first_of(" -");
  if (space != std::string_view::npos) {
    std::string name = AsciiLower(Trim(text.substr(0, space)));
    if (name.ends_with('.')) name.pop_back();
    // Upper-case umlaut: "MÄRZ".
    const size_t umlaut = name.find("\xC3\x84");
    if (umlaut != std::string::npos) name.replace(umlaut, 2, "\xC3\xA4");
    const std::string_view year = Trim(text.substr(space + 1));
    if (year.size() == 4 && std::all_of(year.begin(), year.end(), IsDigit)) {
      for (const MonthName& m : kMonthNames) {
        if (m.name == name) return MakeMonthIndex(std::stoi(std::string(year)), m.month);
      }
    }
  }
  if (const std::optional<Day> day = ParseDialectDate(text, order)) return MonthOf(*day);
  return std::nullopt;
}

}  // namespace bw::io
