// Calendar checks on "YYYY-MM-DD" strings (the as-of date picker); the figures and the
// dates of trends always come from the API.

// Whether `text` is a real calendar date in YYYY-MM-DD form.
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 &&
    date.getUTCDate() === Number(match[3]);
}
