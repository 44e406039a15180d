/**
 * When the last minute's requests started, oldest first: a request is counted by dropping the
 * ones that left the window from the front, so it costs the same with one request a minute or
 * tens of thousands.
 */
export class RateWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs = 60_000) {}

  /** How many requests started within the window before `now`. */
  count(now: number): number {
    const from = now - this.windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= from) this.head++;
    // Let go of the dropped front now and then, not on every request.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.count(now);
    this.times.push(now);
  }
}
