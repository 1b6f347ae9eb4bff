/**
 * Min-heap of (due instant, id). Due times live in a Float64Array beside a plain id array, so a
 * million entries cost about 8 bytes plus a string pointer each, not an object apiece.
 */
export class TimerHeap {
  private due = new Float64Array(1024);
  private ids: string[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(id: string, at: number): void {
    if (this.count === this.due.length) {
      const grown = new Float64Array(this.due.length * 2);
      grown.set(this.due);
      this.due = grown;
    }
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.due[parent] <= at) break;
      this.due[i] = this.due[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.due[i] = at;
    this.ids[i] = id;
  }

  /** Due instant of the earliest entry, or Infinity when empty. */
  peekDue(): number {
    return this.count > 0 ? this.due[0] : Infinity;
  }

  /** Removes and returns the earliest entry. */
  pop(): { id: string; at: number } | undefined {
    if (this.count === 0) return undefined;
    const top = { id: this.ids[0], at: this.due[0] };
    const last = --this.count;
    const at = this.due[last];
    const id = this.ids[last];
    this.ids.length = last;
    if (last > 0) this.siftDown(id, at, last);
    return top;
  }

  private siftDown(id: string, at: number, size: number): void {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.due[child + 1] < this.due[child]) child++;
      if (this.due[child] >= at) break;
      this.due[i] = this.due[child];
      this.ids[i] = this.ids[child];
      i = child;
    }
    this.due[i] = at;
    this.ids[i] = id;
  }
}
