// Calendar arithmetic on "YYYY-MM-DD" strings, for choosing which as-of dates to ask the
// API about (the figures themselves always come from the API).

// The last `count` quarter ends up to and including `asOf`, oldest first. A quarter end
// after `asOf` is not included: the newest is `asOf` itself when it is a quarter end.
// lastQuarterEnds("2026-06-30", 3) -> ["2025-12-31", "2026-03-31", "2026-06-30"].
export function lastQuarterEnds(asOf: string, count: number): string[] {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(asOf);
  if (!match) return [];
  let year = Number(match[1]);
  let quarter = Math.floor((Number(match[2]) - 1) / 3); // 0..3, the quarter asOf is in
  if (quarterEnd(year, quarter) > asOf) {
    quarter -= 1; // its end is still ahead: start with the quarter before
    if (quarter < 0) {
      quarter = 3;
      year -= 1;
    }
  }
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push(quarterEnd(year, quarter));
    quarter -= 1;
    if (quarter < 0) {
      quarter = 3;
      year -= 1;
    }
  }
  return out.reverse();
}

function quarterEnd(year: number, quarter: number): string {
  const month = quarter * 3 + 3;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

// Whether `text` is a real calendar date in YYYY-MM-DD form.
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 &&
    date.getUTCDate() === Number(match[3]);
}
