import type { Logger } from '../logger';

/**
 * What a composition root opened, closed in reverse order of opening: each resource is closed before
 * the ones it was built on. A close that fails is logged and the others still close.
 */
export class Resources {
  private readonly closers: Array<{ name: string; close: () => unknown }> = [];

  constructor(private readonly logger: Logger) {}

  /** Registers `resource` to be closed by `close`; returns it. */
  add<T>(name: string, resource: T, close: (resource: T) => unknown): T {
    this.closers.push({ name, close: () => close(resource) });
    return resource;
  }

  async closeAll(): Promise<void> {
    for (const { name, close } of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        this.logger.error({ err, resource: name }, 'closing failed');
      }
    }
  }
}
