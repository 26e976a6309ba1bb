import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { treeCpuMs } from './processes.ts';

// Linux only: elsewhere there is no /proc to read, and the benchmark prints 0 for CPU time.
describe.runIf(existsSync('/proc/self/stat'))('treeCpuMs', () => {
  it("counts this process's CPU time as Node itself does", () => {
    const before = treeCpuMs(process.pid);
    const start = process.cpuUsage();
    let spent = 0;
    let x = 1;
    while (spent < 200_000) {
      for (let i = 0; i < 1000; i++) x = (x * 1.000001) % 7;
      const used = process.cpuUsage(start);
      spent = used.user + used.system;
    }
    expect(x).toBeGreaterThan(0);
    const counted = treeCpuMs(process.pid) - before;
    // Whole clock ticks (10 ms), and the process's other threads add some.
    expect(counted).toBeGreaterThanOrEqual(180);
    expect(counted).toBeLessThan(2_000);
    expect(treeCpuMs(2 ** 22 + 12345)).toBe(0);
  });
});
