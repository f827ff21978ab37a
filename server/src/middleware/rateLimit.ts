/**
 * Fixed one-minute windows per key (the client address). In-process: enough for one server;
 * behind several, put the limit in the proxy too.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly perMinute: number) {}

  /** true when the request may go ahead */
  hit(key: string, now = Date.now()): boolean {
    if (this.perMinute <= 0) return true;
    const w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 100_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.perMinute;
  }
}
