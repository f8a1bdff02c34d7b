const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

const dateTimeToTheSecond = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/**
 * To the second and with the workstation's time zone ("3 Dec 2026, 14:05:09 CET"): security events are compared
 * with mails, server logs and what the supervisor remembers, where minutes and a bare clock time are not enough.
 */
export function formatDateTimeToTheSecond(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeToTheSecond.format(date);
}

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** "14:32:05": when something just happened, to the second, so a repeat reads differently from the first. */
export function formatTime(at: Date): string {
  return time.format(at);
}
