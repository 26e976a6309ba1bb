import type { Store } from '../lib/store/types.ts';

/**
 * `store` whose operations reject, as an unreachable store's would, whenever `fails(name)` is
 * true for them: for tests of what the app does when the store fails (all at once or part-way).
 */
export function failingStore(store: Store, fails: (operation: string) => boolean): Store {
  return new Proxy(store, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name);
      if (typeof value !== 'function') return value;
      const operation = value as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]) =>
        fails(String(name)) ? Promise.reject(new Error('store unreachable')) : operation.apply(target, args);
    },
  });
}
