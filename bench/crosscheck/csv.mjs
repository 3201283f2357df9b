// Small RFC 4180 CSV reader for the cross-check (no dependencies).
//
// Comma separator, `"` quoting with `""` escapes, CRLF or LF (or a lone CR)
// line ends, embedded line breaks inside quotes, a UTF-8 byte order mark at the
// start, a last line without a line end. A line with no characters at all is
// skipped (docs/import-format.md). Returns {header: [lower-cased trimmed
// names], rows: [{name: value}]}; a column missing from the file reads as ''.
import fs from 'node:fs';

export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  let fieldStarted = false; // the current line has at least one character
  const n = text.length;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '' && !fieldStarted)) records.push(record);
    record = [];
    fieldStarted = false;
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; fieldStarted = true; i++; continue; }
    if (c === ',') { record.push(field); field = ''; fieldStarted = true; i++; continue; }
    if (c === '\r') {
      endRecord();
      i += text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (c === '\n') { endRecord(); i++; continue; }
    field += c; fieldStarted = true; i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return records;
}

// Reads FILE; returns null when it does not exist or is empty.
export function readTable(file) {
  if (!fs.existsSync(file)) return null;
  const records = parseCsv(fs.readFileSync(file, 'utf8'));
  if (records.length === 0) return null;
  const header = records[0].map((h) => h.replace(/^[ \t]+|[ \t]+$/g, '').toLowerCase());
  const rows = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const row = Object.create(null);
    for (let k = 0; k < header.length; k++) {
      if (!(header[k] in row)) row[header[k]] = rec[k] ?? '';
    }
    rows.push(row);
  }
  return { header, rows };
}
