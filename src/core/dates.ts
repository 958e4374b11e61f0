/** Dates as front matter writes them: `YYYY-MM-DD`, and whether such a date names a day of the calendar. */

/** The form of a date: four digits, two, two. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is written YYYY-MM-DD and names a day that exists (no 2026-02-30). */
export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a date written YYYY-MM-DD names no day: "there is no month 13", "February 2026 has 28 days". */
export function whyNotADay(value: string): string {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1) return 'days start at 01';
  return `${MONTHS[month - 1]} ${year} has ${days} days`;
}
