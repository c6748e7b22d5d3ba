/**
 * The zone human times are shown in: `TZ` when it names a zone this Node knows, else
 * Europe/Stockholm, where payroll happens. A server left on UTC without `TZ` still shows
 * Swedish time; `TZ=UTC` asks for UTC and gets it.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

export function chooseTimeZone(env: NodeJS.ProcessEnv): string {
  // glibc allows a leading colon (`TZ=:Europe/Stockholm`).
  const named = env.TZ?.trim().replace(/^:/, '');
  if (!named) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('sv-SE', { timeZone: named });
    return named;
  } catch {
    // A POSIX rule such as `CET-1CEST` or a typo: not worth failing a send for.
    return DEFAULT_TIME_ZONE;
  }
}
