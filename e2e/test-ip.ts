// The client IPs of the suite's requests. The test servers trust `x-real-ip` (CLIENT_IP_HEADER,
// e2e/servers.ts), and a request without a usable one is limited as one shared unknown IP, so every
// test gets an IP of its own (e2e/fixtures.ts), the way each gets fresh addresses: per-IP limits then
// hold per test. Browser pages, request contexts and e2e/raw-http.ts all send it unless a test
// sends its own (or, in raw-http, `'x-real-ip': null` for none).
import { test } from '@playwright/test';

let current: string | undefined;
let issued = 0;

/** A new IP for this worker: 10.<worker>.<n>, never the same twice in one run. */
export function nextTestIp(workerIndex = test.info().workerIndex): string {
  issued++;
  return `10.${workerIndex % 256}.${(issued >> 8) & 255}.${issued & 255}`;
}

/** The IP of the test running in this worker (raw-http's default), or undefined between tests. */
export function currentTestIp(): string | undefined {
  return current;
}

export function setCurrentTestIp(ip: string | undefined): void {
  current = ip;
}
