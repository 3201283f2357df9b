#include "io/xlsx_reader.h"

#include <expat.h>
#include <sys/stat.h>
#include <zip.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>

#include "io/normalizer.h"

namespace bw::io {
namespace {

constexpr size_t kChunkBytes = 256 << 10;
constexpr size_t kMaxColumns = 16384;  // Excel's own limit (XFD)
constexpr size_t kMaxCellBytes = 1 << 20;

// The local name of an XML element or attribute ("x:row" -> "row"): workbooks written by
// other tools use prefixes for the main namespace.
std::string_view Local(const XML_Char* name) {
  // One pass: the names are short, and a sheet has millions of them.
  const XML_Char* local = name;
  const XML_Char* p = name;
  for (; *p != '\0'; ++p) {
    if (*p == ':') local = p + 1;
  }
  return std::string_view(local, static_cast<size_t>(p - local));
}

const XML_Char* Attr(const XML_Char** attrs, std::string_view name, bool local = true) {
  for (size_t i = 0; attrs[i] != nullptr; i += 2) {
    if ((local ? Local(attrs[i]) : std::string_view(attrs[i])) == name) return attrs[i + 1];
  }
  return nullptr;
}

// A zip entry read in chunks with a cap on the uncompressed bytes.
class ZipPart {
 public:
  ZipPart(zip_t* archive, zip_int64_t index, uint64_t limit, std::string what)
      : file_(zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0)),
        limit_(limit),
        what_(std::move(what)) {}
  ~ZipPart() {
    if (file_ != nullptr) zip_fclose(file_);
  }
  ZipPart(const ZipPart&) = delete;
  ZipPart& operator=(const ZipPart&) = delete;

  // Reads up to `size` bytes; 0 at the end. Errors: a broken entry or the cap.
  Result<size_t> Read(char* buffer, size_t size) {
    if (file_ == nullptr) return InvalidArgument(what_ + ": cannot be read from the zip");
    const zip_int64_t n = zip_fread(file_, buffer, size);
    if (n < 0) return InvalidArgument(what_ + ": damaged zip entry");
    read_ += static_cast<uint64_t>(n);
    if (read_ > limit_) {
      return InvalidArgument(what_ + ": more than " + std::to_string(limit_) +
                             " uncompressed bytes (docs/limits.md; a zip bomb?)");
    }
    return static_cast<size_t>(n);
  }

 private:
  zip_file_t* file_;
  uint64_t limit_;
  uint64_t read_ = 0;
  std::string what_;
};

// Parses a whole part with `parser` (handlers set by the caller), in chunks.
Status ParsePart(zip_t* archive, const std::string& part, uint64_t limit, XML_Parser parser,
                 const std::string& where, const Status* handler_status) {
  const zip_int64_t index = zip_name_locate(archive, part.c_str(), 0);
  if (index < 0) return NotFound(where + ": part " + part + " missing");
  ZipPart reader(archive, index, limit, where + ": " + part);
  std::vector<char> buffer(kChunkBytes);
  while (true) {
    BW_ASSIGN_OR_RETURN(const size_t n, reader.Read(buffer.data(), buffer.size()));
    if (XML_Parse(parser, buffer.data(), static_cast<int>(n), n == 0) == XML_STATUS_ERROR) {
      if (handler_status != nullptr && !handler_status->ok()) return *handler_status;
      std::string message = where;
      message.append(": ").append(part).append(":");
      message.append(std::to_string(XML_GetCurrentLineNumber(parser)));
      message.append(": malformed XML: ").append(XML_ErrorString(XML_GetErrorCode(parser)));
      return InvalidArgument(std::move(message));
    }
    if (handler_status != nullptr && !handler_status->ok()) return *handler_status;
    if (n == 0) return Status::Ok();
  }
}

struct XmlParser {
  XML_Parser parser = XML_ParserCreate(nullptr);
  XmlParser() = default;
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;
  ~XmlParser() {
    if (parser != nullptr) XML_ParserFree(parser);
  }
};

// Built-in number formats that show dates (ECMA-376 18.8.30): 14-22, 45-47.
bool IsBuiltinDateFormat(int id) { return (id >= 14 && id <= 22) || (id >= 45 && id <= 47); }

// A custom format code shows a date when it has a day or year token outside quotes and
// brackets ("dd.mm.yyyy", "[$-407]mmmm yyyy"); "0.00" or "#,##0 €" do not.
bool IsDateFormatCode(std::string_view code) {
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') bracket = true;
    if (c == ']') bracket = false;
    if (bracket) continue;
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') return true;
  }
  return false;
}

// "1234.5599999999999" -> "1234.56": at most 15 significant digits, no exponent for
// ordinary magnitudes.
std::string FormatExcelNumberSlow(std::string_view text, bool* ok) {
  std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  *ok = end != copy.c_str() && *end == '\0' && std::isfinite(value);
  if (!*ok) return copy;
  char buffer[64];
  if (std::fabs(value) < 1e15 && value == std::floor(value)) {
    std::snprintf(buffer, sizeof(buffer), "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.15g", value);
    if (std::strchr(buffer, 'e') != nullptr && std::fabs(value) >= 1e-4 &&
        std::fabs(value) < 1e15) {
      std::snprintf(buffer, sizeof(buffer), "%.15f", value);
    }
  }
  std::string out(buffer);
  if (out.find('.') != std::string::npos && out.find('e') == std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

// FormatExcelNumberSlow's result appended to `out`, without strtod and snprintf for what
// Excel writes nearly always: a plain decimal ("-1234.5", "45657") of at most 15
// significant digits and at least 1e-4 (or zero), which the slow path would print
// unchanged but for trailing zeros of the fraction. The slow path handles the rest
// (17-digit binary noise, exponents, tiny values). False when it is not a number.
bool AppendExcelNumber(std::string_view text, std::string& out) {
  size_t i = text.starts_with('-') ? 1 : 0;
  const size_t whole_begin = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const size_t whole_end = i;
  size_t fraction_end = i;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    fraction_end = i;
  }
  const std::string_view whole = text.substr(whole_begin, whole_end - whole_begin);
  bool fast = i == text.size() && !whole.empty() && (whole.size() == 1 || whole[0] != '0');
  if (fast) {
    // Significant digits, and the leading zeros of a value below 1.
    size_t significant = 0, leading_zeros = 0;
    bool seen = false;
    for (size_t k = whole_begin; k < fraction_end; ++k) {
      if (text[k] == '.') continue;
      seen |= text[k] != '0';
      if (seen) {
        ++significant;
      } else if (k > whole_end) {
        ++leading_zeros;
      }
    }
    // Trailing zeros of the fraction are not significant.
    size_t trimmed_end = fraction_end;
    if (fraction_end > whole_end) {
      while (trimmed_end > whole_end + 1 && text[trimmed_end - 1] == '0') {
        --trimmed_end;
        if (seen && significant > 0) --significant;
      }
      if (trimmed_end == whole_end + 1) trimmed_end = whole_end;  // "12." -> "12"
    }
    fast = significant <= 15 && (!seen || whole != "0" || leading_zeros < 4);
    if (fast) {
      if (!seen) {
        out += '0';  // "0", "-0.000"
      } else {
        out.append(text.substr(0, trimmed_end));
      }
      return true;
    }
  }
  bool ok = false;
  out += FormatExcelNumberSlow(text, &ok);
  return ok;
}

// Strings in OOXML escape characters XML cannot hold (a CR, control codes) as _xHHHH_
// (ECMA-376 22.9.2.19 ST_Xstring); "_x005F_" escapes a literal underscore.
std::string DecodeXstring(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      unsigned code = 0;
      bool hex = true;
      for (size_t k = i + 2; k < i + 6; ++k) {
        const char c = text[k];
        code <<= 4;
        if (c >= '0' && c <= '9') {
          code |= static_cast<unsigned>(c - '0');
        } else if (c >= 'A' && c <= 'F') {
          code |= static_cast<unsigned>(c - 'A' + 10);
        } else if (c >= 'a' && c <= 'f') {
          code |= static_cast<unsigned>(c - 'a' + 10);
        } else {
          hex = false;
        }
      }
      if (hex && (code < 0xD800 || code > 0xDFFF)) {
        if (code < 0x80) {
          out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (code >> 6)));
          out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xE0 | (code >> 12)));
          out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
        i += 6;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace

std::string XlsxColumnName(size_t index) {
  std::string name;
  ++index;
  while (index > 0) {
    const size_t rem = (index - 1) % 26;
    name.insert(name.begin(), static_cast<char>('A' + rem));
    index = (index - 1) / 26;
  }
  return name;
}

struct XlsxWorkbook::Impl {
  std::string name;
  XlsxLimits limits;
  std::string bytes;
  zip_source_t* source = nullptr;
  zip_t* archive = nullptr;
  struct Sheet {
    std::string name;
    std::string part;  // e.g. "xl/worksheets/sheet1.xml"
  };
  std::vector<Sheet> sheets;
  std::vector<std::string> shared_strings;
  std::vector<bool> date_styles;  // cellXfs index -> shows a date
  bool date1904 = false;

  ~Impl() {
    if (archive != nullptr) {
      zip_discard(archive);
    } else if (source != nullptr) {
      zip_source_free(source);
    }
  }

  Status Load();
  Status LoadWorkbook();
  Status LoadSharedStrings();
  Status LoadStyles();
};

namespace {

struct WorkbookState {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  bool date1904 = false;
};

struct RelsState {
  std::map<std::string, std::string> targets;
};

struct StringsState {
  std::vector<std::string>* strings = nullptr;
  uint64_t limit = 0;
  uint64_t bytes = 0;
  int depth_si = 0;
  int depth_rph = 0;
  bool in_t = false;
  Status status;
  XML_Parser parser = nullptr;
};

struct StylesState {
  std::map<int, std::string> custom;
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
};

}  // namespace

Status XlsxWorkbook::Impl::LoadWorkbook() {
  WorkbookState state;
  {
    XmlParser xml;
    XML_SetUserData(xml.parser, &state);
    XML_SetStartElementHandler(xml.parser, [](void* data, const XML_Char* el,
                                              const XML_Char** attrs) {
      auto* s = static_cast<WorkbookState*>(data);
      const std::string_view local = Local(el);
      if (local == "sheet") {
        const XML_Char* name = Attr(attrs, "name");
        const XML_Char* id = Attr(attrs, "id");
        if (name != nullptr && id != nullptr) s->sheets.emplace_back(name, id);
      } else if (local == "workbookPr") {
        const XML_Char* d = Attr(attrs, "date1904");
        s->date1904 = d != nullptr && (std::string_view(d) == "1" || std::string_view(d) == "true");
      }
    });
    BW_RETURN_IF_ERROR(
        ParsePart(archive, "xl/workbook.xml", limits.max_part_bytes, xml.parser, name, nullptr));
  }
  RelsState rels;
  {
    XmlParser xml;
    XML_SetUserData(xml.parser, &rels);
    XML_SetStartElementHandler(xml.parser,
                               [](void* data, const XML_Char* el, const XML_Char** attrs) {
                                 auto* s = static_cast<RelsState*>(data);
                                 if (Local(el) != "Relationship") return;
                                 const XML_Char* id = Attr(attrs, "Id");
                                 const XML_Char* target = Attr(attrs, "Target");
                                 if (id != nullptr && target != nullptr) s->targets[id] = target;
                               });
    BW_RETURN_IF_ERROR(ParsePart(archive, "xl/_rels/workbook.xml.rels", limits.max_part_bytes,
                                 xml.parser, name, nullptr));
  }
  date1904 = state.date1904;
  for (const auto& [sheet_name, id] : state.sheets) {
    const auto it = rels.targets.find(id);
    if (it == rels.targets.end()) {
      return InvalidArgument(name + ": sheet " + sheet_name + " has no part");
    }
    std::string part = it->second;
    part = part.starts_with('/') ? part.substr(1) : std::string("xl/").append(part);
    sheets.push_back({sheet_name, part});
  }
  return Status::Ok();
}

Status XlsxWorkbook::Impl::LoadSharedStrings() {
  if (zip_name_locate(archive, "xl/sharedStrings.xml", 0) < 0) return Status::Ok();
  XmlParser xml;
  StringsState state;
  state.strings = &shared_strings;
  state.limit = limits.max_shared_string_bytes;
  state.parser = xml.parser;
  XML_SetUserData(xml.parser, &state);
  XML_SetElementHandler(
      xml.parser,
      [](void* data, const XML_Char* el, const XML_Char**) {
        auto* s = static_cast<StringsState*>(data);
        const std::string_view local = Local(el);
        if (local == "si") {
          ++s->depth_si;
          s->strings->emplace_back();
        } else if (local == "rPh") {
          ++s->depth_rph;
        } else if (local == "t" && s->depth_si > 0 && s->depth_rph == 0) {
          s->in_t = true;
        }
      },
      [](void* data, const XML_Char* el) {
        auto* s = static_cast<StringsState*>(data);
        const std::string_view local = Local(el);
        if (local == "si") {
          --s->depth_si;
        } else if (local == "rPh") {
          --s->depth_rph;
        } else if (local == "t") {
          s->in_t = false;
        }
      });
  XML_SetCharacterDataHandler(xml.parser, [](void* data, const XML_Char* text, int length) {
    auto* s = static_cast<StringsState*>(data);
    if (!s->in_t || s->strings->empty()) return;
    s->bytes += static_cast<uint64_t>(length);
    if (s->bytes > s->limit) {
      s->status = InvalidArgument("shared strings: more than " + std::to_string(s->limit) +
                                  " bytes (docs/limits.md)");
      XML_StopParser(s->parser, XML_FALSE);
      return;
    }
    s->strings->back().append(text, static_cast<size_t>(length));
  });
  BW_RETURN_IF_ERROR(ParsePart(archive, "xl/sharedStrings.xml", limits.max_part_bytes, xml.parser,
                               name, &state.status));
  for (std::string& text : shared_strings) text = DecodeXstring(std::move(text));
  return Status::Ok();
}

Status XlsxWorkbook::Impl::LoadStyles() {
  if (zip_name_locate(archive, "xl/styles.xml", 0) < 0) return Status::Ok();
  StylesState state;
  XmlParser xml;
  XML_SetUserData(xml.parser, &state);
  XML_SetElementHandler(
      xml.parser,
      [](void* data, const XML_Char* el, const XML_Char** attrs) {
        auto* s = static_cast<StylesState*>(data);
        const std::string_view local = Local(el);
        if (local == "numFmt") {
          const XML_Char* id = Attr(attrs, "numFmtId");
          const XML_Char* code = Attr(attrs, "formatCode");
          if (id != nullptr && code != nullptr) s->custom[std::atoi(id)] = code;
        } else if (local == "cellXfs") {
          s->in_cell_xfs = true;
        } else if (local == "xf" && s->in_cell_xfs) {
          const XML_Char* id = Attr(attrs, "numFmtId");
          s->xf_formats.push_back(id == nullptr ? 0 : std::atoi(id));
        }
      },
      [](void* data, const XML_Char* el) {
        if (Local(el) == "cellXfs") static_cast<StylesState*>(data)->in_cell_xfs = false;
      });
  BW_RETURN_IF_ERROR(
      ParsePart(archive, "xl/styles.xml", limits.max_part_bytes, xml.parser, name, nullptr));
  for (const int format : state.xf_formats) {
    const auto custom = state.custom.find(format);
    date_styles.push_back(custom != state.custom.end() ? IsDateFormatCode(custom->second)
                                                       : IsBuiltinDateFormat(format));
  }
  return Status::Ok();
}

Status XlsxWorkbook::Impl::Load() {
  zip_error_t error;
  zip_error_init(&error);
  source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Internal(name + ": cannot create a zip source");
  }
  archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    const std::string what = zip_error_strerror(&error);
    zip_error_fini(&error);
    return InvalidArgument(name + ": not an .xlsx workbook (" + what + ")");
  }
  zip_error_fini(&error);
  Status status = LoadWorkbook();
  if (status.code() == StatusCode::kNotFound) {
    return InvalidArgument(status.message() + " (not an .xlsx workbook?)");
  }
  BW_RETURN_IF_ERROR(status);
  BW_RETURN_IF_ERROR(LoadSharedStrings());
  return LoadStyles();
}

XlsxWorkbook::XlsxWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWorkbook::~XlsxWorkbook() = default;

Result<std::unique_ptr<XlsxWorkbook>> XlsxWorkbook::FromBytes(std::string bytes, std::string name,
                                                              const XlsxLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) {
    return InvalidArgument(name + ": file is " + std::to_string(bytes.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(limits.max_file_bytes) + " (docs/limits.md)");
  }
  auto impl = std::make_unique<Impl>();
  impl->name = std::move(name);
  impl->limits = limits;
  impl->bytes = std::move(bytes);
  BW_RETURN_IF_ERROR(impl->Load());
  return std::unique_ptr<XlsxWorkbook>(new XlsxWorkbook(std::move(impl)));
}

Result<std::unique_ptr<XlsxWorkbook>> XlsxWorkbook::Open(const std::string& path, std::string name,
                                                         const XlsxLimits& limits) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return NotFound(path + ": not found");
    return IoError("cannot read " + path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) return IoError("cannot read " + path + ": not a regular file");
  if (static_cast<uint64_t>(info.st_size) > limits.max_file_bytes) {
    return InvalidArgument(path + ": file is " + std::to_string(info.st_size) +
                           " bytes, more than the limit of " +
                           std::to_string(limits.max_file_bytes) + " (docs/limits.md)");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(info.st_size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    return IoError("cannot read " + path);
  }
  return FromBytes(std::move(bytes), std::move(name), limits);
}

const std::string& XlsxWorkbook::Name() const { return impl_->name; }

uint64_t XlsxWorkbook::SheetBytes(size_t index) const {
  if (index >= impl_->sheets.size()) return 0;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(impl_->archive, impl_->sheets[index].part.c_str(), 0, &stat) != 0 ||
      (stat.valid & ZIP_STAT_SIZE) == 0) {
    return 0;
  }
  return stat.size;
}

std::vector<std::string> XlsxWorkbook::SheetNames() const {
  std::vector<std::string> names;
  for (const auto& sheet : impl_->sheets) names.push_back(sheet.name);
  return names;
}

namespace {

// The `t` attribute of a cell (ECMA-376 18.18.11 ST_CellType).
enum class XlsxCellKind : uint8_t {
  kNumber,
  kShared,
  kFormulaString,
  kInline,
  kBool,
  kError,
  kDate
};

XlsxCellKind CellKindOf(const XML_Char* t) {
  if (t == nullptr) return XlsxCellKind::kNumber;
  const std::string_view v(t);
  if (v == "s") return XlsxCellKind::kShared;
  if (v == "str") return XlsxCellKind::kFormulaString;
  if (v == "inlineStr") return XlsxCellKind::kInline;
  if (v == "b") return XlsxCellKind::kBool;
  if (v == "e") return XlsxCellKind::kError;
  if (v == "d") return XlsxCellKind::kDate;
  return XlsxCellKind::kNumber;  // "n" and anything unknown
}

// One sheet's rows, parsed a chunk at a time. Each source opens the workbook's bytes as
// its own zip archive, so several sheets of one workbook can be read at once (libzip's
// archive handles are not thread-safe; the bytes, shared strings and styles are only read).
// A row's cells are kept back to back in one string, and the rows of a chunk are recycled,
// so reading a sheet allocates next to nothing per cell.
class SheetRows final : public RowSource {
 public:
  SheetRows(const XlsxWorkbook::Impl& book, std::string part, std::string name)
      : book_(book), part_(std::move(part)), name_(std::move(name)) {}
  ~SheetRows() override {
    part_reader_.reset();  // its zip file before the archive
    if (archive_ != nullptr) zip_discard(archive_);
  }
  SheetRows(const SheetRows&) = delete;
  SheetRows& operator=(const SheetRows&) = delete;

  Status Start() {
    part_reader_.reset();
    if (archive_ == nullptr) {
      zip_error_t error;
      zip_error_init(&error);
      zip_source_t* source =
          zip_source_buffer_create(book_.bytes.data(), book_.bytes.size(), 0, &error);
      if (source != nullptr) archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (source != nullptr && archive_ == nullptr) zip_source_free(source);
      zip_error_fini(&error);
      if (archive_ == nullptr) return InvalidArgument(name_ + ": cannot open the workbook again");
    }
    xml_ = std::make_unique<XmlParser>();
    XML_SetUserData(xml_->parser, this);
    XML_SetElementHandler(xml_->parser, &SheetRows::OnStart, &SheetRows::OnEnd);
    XML_SetCharacterDataHandler(xml_->parser, &SheetRows::OnText);
    const zip_int64_t index = zip_name_locate(archive_, part_.c_str(), 0);
    if (index < 0) return InvalidArgument(name_ + ": part " + part_ + " missing");
    part_reader_ = std::make_unique<ZipPart>(archive_, index, book_.limits.max_part_bytes,
                                             name_ + ": " + part_);
    done_ = false;
    head_ = queued_ = 0;
    cells_ = 0;
    last_row_ = 0;
    in_row_ = in_cell_ = in_value_ = in_phonetic_ = false;
    return Status::Ok();
  }

  bool Next() override {
    fields_.clear();
    types_.clear();
    if (!status_.ok()) return false;
    if (head_ == queued_) {
      // Every row handed out: recycle them, keeping a row still being parsed.
      if (in_row_ && queued_ > 0) std::swap(rows_[0], rows_[queued_]);
      head_ = queued_ = 0;
      while (queued_ == 0 && !done_) {
        Status status = Feed();
        if (!status.ok()) {
          status_ = std::move(status);
          return false;
        }
      }
      if (queued_ == 0) return false;
    }
    Row& row = rows_[head_++];
    current_number_ = row.number;
    const size_t cells = row.spans.size();
    if (width_ == 0) {
      // The header: its last non-empty cell sets the width of every row.
      for (size_t i = 0; i < cells; ++i) {
        if (row.spans[i].size > 0) width_ = i + 1;
      }
    }
    size_t width = width_;
    for (size_t i = width_; i < cells; ++i) {
      if (row.spans[i].size > 0) width = i + 1;
    }
    fields_.resize(width);
    types_.assign(width, CellType::kText);
    for (size_t i = 0; i < width && i < cells; ++i) {
      fields_[i] = std::string_view(row.text).substr(row.spans[i].begin, row.spans[i].size);
      types_[i] = row.spans[i].type;
    }
    return true;
  }
  const Status& status() const override { return status_; }
  const std::vector<std::string_view>& fields() const override { return fields_; }
  const std::vector<CellType>& types() const override { return types_; }
  int64_t line() const override { return current_number_; }
  std::string Where(size_t index) const override {
    return name_ + "!" + XlsxColumnName(index) + std::to_string(current_number_);
  }
  const std::string& name() const override { return name_; }
  Status Rewind() override {
    status_ = Status::Ok();
    width_ = 0;
    return Start();
  }
  bool date1904() const override { return book_.date1904; }

 private:
  struct Span {
    uint32_t begin = 0;
    uint32_t size = 0;  // 0: an empty or absent cell
    CellType type = CellType::kText;
  };
  struct Row {
    int64_t number = 0;
    std::string text;         // the cells' texts, back to back
    std::vector<Span> spans;  // by column
  };

  Status Feed() {
    // Straight into expat's own buffer: no copy of the (large) sheet XML.
    void* buffer = XML_GetBuffer(xml_->parser, static_cast<int>(kChunkBytes));
    if (buffer == nullptr) return Internal(name_ + ": out of memory parsing " + part_);
    BW_ASSIGN_OR_RETURN(const size_t n,
                        part_reader_->Read(static_cast<char*>(buffer), kChunkBytes));
    if (XML_ParseBuffer(xml_->parser, static_cast<int>(n), n == 0) == XML_STATUS_ERROR) {
      if (!handler_status_.ok()) return handler_status_;
      return InvalidArgument(name_ + ": " + part_ + ":" +
                             std::to_string(XML_GetCurrentLineNumber(xml_->parser)) +
                             ": malformed XML: " + XML_ErrorString(XML_GetErrorCode(xml_->parser)));
    }
    if (!handler_status_.ok()) return handler_status_;
    if (n == 0) done_ = true;
    return Status::Ok();
  }

  void Stop(Status status) {
    handler_status_ = std::move(status);
    XML_StopParser(xml_->parser, XML_FALSE);
  }

  Row& row() { return rows_[queued_]; }

  void StartRow(const XML_Char** attrs) {
    if (queued_ == rows_.size()) rows_.emplace_back();
    Row& r = row();
    r.text.clear();
    r.spans.clear();
    const XML_Char* number = Attr(attrs, "r");
    r.number = number != nullptr ? std::atoll(number) : last_row_ + 1;
    if (r.number <= last_row_ || r.number > 1048576) {
      Stop(InvalidArgument(name_ + ": row " + std::to_string(r.number) +
                           " out of order or beyond row 1048576"));
      return;
    }
    last_row_ = r.number;
    next_column_ = 0;
    in_row_ = true;
  }

  void StartCell(const XML_Char** attrs) {
    const XML_Char* ref = nullptr;
    const XML_Char* type = nullptr;
    const XML_Char* style = nullptr;
    for (size_t i = 0; attrs[i] != nullptr; i += 2) {
      const std::string_view attr = Local(attrs[i]);
      if (attr == "r") ref = attrs[i + 1];
      if (attr == "t") type = attrs[i + 1];
      if (attr == "s") style = attrs[i + 1];
    }
    size_t column = next_column_;
    if (ref != nullptr) {
      column = 0;
      const char* p = ref;
      while (*p >= 'A' && *p <= 'Z' && column <= kMaxColumns) {
        column = column * 26 + static_cast<size_t>(*p - 'A' + 1);
        ++p;
      }
      if (column == 0) column = next_column_ + 1;
      --column;
    }
    if (column >= kMaxColumns) {
      Stop(InvalidArgument(name_ + ": row " + std::to_string(row().number) +
                           ": a cell beyond column XFD"));
      return;
    }
    if (++cells_ > book_.limits.max_cells) {
      Stop(InvalidArgument(name_ + ": more than " + std::to_string(book_.limits.max_cells) +
                           " cells (docs/limits.md)"));
      return;
    }
    column_ = column;
    next_column_ = column + 1;
    cell_kind_ = CellKindOf(type);
    const long style_index = style == nullptr ? 0 : std::atol(style);
    date_style_ = style_index >= 0 && static_cast<size_t>(style_index) < book_.date_styles.size() &&
                  book_.date_styles[static_cast<size_t>(style_index)];
    value_.clear();
    in_cell_ = true;
    has_value_ = false;
  }

  static void OnStart(void* data, const XML_Char* el, const XML_Char** attrs) {
    auto* s = static_cast<SheetRows*>(data);
    const std::string_view local = Local(el);
    // Most elements of a sheet are c, v, t and is: decide those first.
    if (local == "v" || (local == "t" && s->cell_kind_ == XlsxCellKind::kInline)) {
      if (s->in_cell_) {
        s->in_value_ = true;
        s->has_value_ = true;
      }
    } else if (local == "c") {
      if (s->in_row_) s->StartCell(attrs);
    } else if (local == "row") {
      s->StartRow(attrs);
    } else if (local == "rPh") {
      s->in_phonetic_ = true;
    }
  }

  static void OnEnd(void* data, const XML_Char* el) {
    auto* s = static_cast<SheetRows*>(data);
    const std::string_view local = Local(el);
    if (local == "v" || local == "t") {
      s->in_value_ = false;
    } else if (local == "c") {
      if (s->in_cell_) {
        s->in_cell_ = false;
        s->FinishCell();
      }
    } else if (local == "row") {
      if (s->in_row_) {
        s->in_row_ = false;
        ++s->queued_;
      }
    } else if (local == "rPh") {
      s->in_phonetic_ = false;
    }
  }

  static void OnText(void* data, const XML_Char* text, int length) {
    auto* s = static_cast<SheetRows*>(data);
    if (!s->in_value_ || s->in_phonetic_) return;
    if (s->value_.size() + static_cast<size_t>(length) > kMaxCellBytes) {
      s->Stop(InvalidArgument(s->name_ + "!" + XlsxColumnName(s->column_) +
                              std::to_string(s->row().number) + ": a cell longer than 1 MiB"));
      return;
    }
    s->value_.append(text, static_cast<size_t>(length));
  }

  // Appends the cell's text to the row and records where it is.
  void FinishCell() {
    if (!has_value_) return;  // a formatted empty cell
    Row& r = row();
    const size_t begin = r.text.size();
    CellType type = CellType::kText;
    switch (cell_kind_) {
      case XlsxCellKind::kShared: {
        const long index = std::atol(value_.c_str());
        if (index < 0 || static_cast<size_t>(index) >= book_.shared_strings.size()) {
          Stop(InvalidArgument(name_ + "!" + XlsxColumnName(column_) + std::to_string(r.number) +
                               ": shared string " + value_ + " does not exist"));
          return;
        }
        r.text += book_.shared_strings[static_cast<size_t>(index)];
        break;
      }
      case XlsxCellKind::kFormulaString:
      case XlsxCellKind::kInline:
        if (value_.find("_x") == std::string::npos) {
          r.text += value_;
        } else {
          r.text += DecodeXstring(value_);
        }
        break;
      case XlsxCellKind::kBool:
        r.text += value_ == "1" ? "TRUE" : "FALSE";
        break;
      case XlsxCellKind::kError:
        r.text += value_;
        type = CellType::kError;
        break;
      case XlsxCellKind::kDate: {
        const std::string_view day = std::string_view(value_).substr(0, 10);
        r.text += day;
        type = ParseDate(day) ? CellType::kDate : CellType::kText;
        break;
      }
      case XlsxCellKind::kNumber: {
        if (!AppendExcelNumber(value_, r.text)) break;  // text as it stands
        type = CellType::kNumber;
        if (date_style_) {
          double serial = 0;
          const auto [end, ec] =
              std::from_chars(value_.data(), value_.data() + value_.size(), serial);
          if (ec != std::errc() || end != value_.data() + value_.size()) {
            serial = std::strtod(value_.c_str(), nullptr);  // e.g. a leading space
          }
          const std::optional<Day> day = DayFromExcelSerial(serial, book_.date1904);
          if (day) {
            r.text.resize(begin);
            r.text += FormatDate(*day);
            type = CellType::kDate;
          }
        }
        break;
      }
    }
    if (r.text.size() > std::numeric_limits<uint32_t>::max()) {
      Stop(InvalidArgument(name_ + ": row " + std::to_string(r.number) + " is too long"));
      return;
    }
    if (r.spans.size() <= column_) r.spans.resize(column_ + 1);
    r.spans[column_] =
        Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(r.text.size() - begin), type};
  }

  const XlsxWorkbook::Impl& book_;
  std::string part_;
  std::string name_;
  zip_t* archive_ = nullptr;  // this source's own handle on the workbook's bytes
  std::unique_ptr<XmlParser> xml_;
  std::unique_ptr<ZipPart> part_reader_;
  bool done_ = false;
  Status status_;
  Status handler_status_;
  std::vector<Row> rows_;  // rows_[head_, queued_) parsed and not yet handed out
  size_t head_ = 0;
  size_t queued_ = 0;
  int64_t current_number_ = 0;
  size_t width_ = 0;
  int64_t cells_ = 0;
  int64_t last_row_ = 0;
  size_t next_column_ = 0;
  size_t column_ = 0;
  XlsxCellKind cell_kind_ = XlsxCellKind::kNumber;
  bool date_style_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_phonetic_ = false;
  bool has_value_ = false;
  std::string value_;
  std::vector<std::string_view> fields_;
  std::vector<CellType> types_;
};

}  // namespace

Result<std::unique_ptr<RowSource>> XlsxWorkbook::OpenSheet(size_t index) {
  if (index >= impl_->sheets.size()) return Internal("OpenSheet: no such sheet");
  auto rows = std::make_unique<SheetRows>(*impl_, impl_->sheets[index].part,
                                          impl_->name + ":" + impl_->sheets[index].name);
  BW_RETURN_IF_ERROR(rows->Start());
  return std::unique_ptr<RowSource>(std::move(rows));
}

}  // namespace bw::io
