/**
 * How many investigations each tenant may run at once, over all its runs (TENANT_MAX_CONCURRENT_INVESTIGATIONS):
 * one tenant's big runs cannot take every sandbox from the others. Waiters are served in arrival order;
 * one whose run is cancelled leaves the queue.
 */
export class TenantSlots {
  private readonly tenants = new Map<string, { active: number; waiting: Array<() => void> }>();

  constructor(readonly limit: number) {}

  /** Takes a slot if one is free now. */
  tryAcquire(tenantId: string): boolean {
    const t = this.of(tenantId);
    if (t.active >= this.limit || t.waiting.length > 0) return false;
    t.active++;
    return true;
  }

  /** Once a slot is the caller's: 'granted'; 'aborted' if `signal` aborts first, 'timeout' after `timeoutMs`. */
  acquire(tenantId: string, signal: AbortSignal, timeoutMs: number): Promise<'granted' | 'aborted' | 'timeout'> {
    if (this.tryAcquire(tenantId)) return Promise.resolve('granted');
    if (signal.aborted) return Promise.resolve('aborted');
    const t = this.of(tenantId);
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
        resolve('granted');
      };
      const leave = (why: 'aborted' | 'timeout') => {
        clearTimeout(timer);
        signal.removeEventListener('abort', aborted);
        const i = t.waiting.indexOf(grant);
        if (i >= 0) t.waiting.splice(i, 1);
        if (t.active === 0 && !t.waiting.length) this.tenants.delete(tenantId);
        resolve(why);
      };
      const aborted = () => leave('aborted');
      const timer = setTimeout(() => leave('timeout'), timeoutMs);
      t.waiting.push(grant);
      signal.addEventListener('abort', aborted, { once: true });
    });
  }

  release(tenantId: string) {
    const t = this.of(tenantId);
    const next = t.waiting.shift();
    if (next) next(); // the slot passes on: active stays the same
    else t.active--;
    if (t.active === 0 && !t.waiting.length) this.tenants.delete(tenantId);
  }

  state(tenantId: string): { active: number; waiting: number } {
    const t = this.tenants.get(tenantId);
    return { active: t?.active ?? 0, waiting: t?.waiting.length ?? 0 };
  }

  private of(tenantId: string) {
    let t = this.tenants.get(tenantId);
    if (!t) this.tenants.set(tenantId, (t = { active: 0, waiting: [] }));
    return t;
  }
}
