// Connections and organizations read from the seed: docs/workos-contract.md section 4.
import type { Route, RouteContext } from './context.ts';
import { entityNotFound, plainNotFound, validationFailed, type FieldError } from './errors.ts';
import { sendJson } from './http.ts';
import { connectionJson, organizationJson } from './resources.ts';
import type { SeedConnection } from './seed.ts';

const ORDERS = ['normal', 'desc', 'asc'];

function parseLimit(raw: string | undefined, errors: FieldError[]): number {
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n)) errors.push({ field: 'limit', code: 'limit must be an integer number' });
  else if (n < 1) errors.push({ field: 'limit', code: 'limit must not be less than 1' });
  else if (n > 100) errors.push({ field: 'limit', code: 'limit must not be greater than 100' });
  return n;
}

function filterConnections(all: SeedConnection[], q: Record<string, string>): SeedConnection[] {
  const domain = q.domain?.toLowerCase();
  const search = q.search?.toLowerCase();
  return all.filter(
    (c) =>
      (!q.organization_id || c.organizationId === q.organization_id) &&
      (!q.connection_type || c.connectionType === q.connection_type) &&
      (!domain || c.domains.some((d) => d.toLowerCase() === domain)) &&
      (!search || c.name.toLowerCase().includes(search)),
  );
}

function sortConnections(list: SeedConnection[], order: string): SeedConnection[] {
  const asc = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  // "normal" is undocumented; treated like the default (desc).
  return order === 'asc' ? asc : asc.reverse();
}

/** One page around the `before`/`after` cursor (object ids); an unknown cursor gives an empty page. */
export function paginate<T extends { id: string }>(
  items: T[],
  limit: number,
  cursor: { before?: string; after?: string },
) {
  let start = 0;
  let end = Math.min(items.length, limit);
  if (cursor.after) {
    const pos = items.findIndex((i) => i.id === cursor.after);
    start = pos < 0 ? items.length : pos + 1;
    end = Math.min(items.length, start + limit);
  } else if (cursor.before) {
    const pos = items.findIndex((i) => i.id === cursor.before);
    end = pos < 0 ? 0 : pos;
    start = Math.max(0, end - limit);
  }
  const data = items.slice(start, end);
  const before = data.length > 0 && start > 0 ? (data[0]?.id ?? null) : null;
  const after = data.length > 0 && end < items.length ? (data[data.length - 1]?.id ?? null) : null;
  return { data, listMetadata: { before, after } };
}

function listConnections({ emu, res, query }: RouteContext): void {
  const errors: FieldError[] = [];
  const limit = parseLimit(query.limit, errors);
  const order = query.order || 'desc';
  if (!ORDERS.includes(order)) {
    errors.push({ field: 'order', code: `order must be one of the following values: ${ORDERS.join(', ')}` });
  }
  if (errors.length > 0) return validationFailed(res, errors);
  const sorted = sortConnections(filterConnections(emu.seed.connections, query), order);
  const page = paginate(sorted, limit, { before: query.before, after: query.after });
  sendJson(res, 200, {
    object: 'list',
    data: page.data.map(connectionJson),
    list_metadata: page.listMetadata,
  });
}

function getConnection({ emu, res, params }: RouteContext): void {
  const id = params.id ?? '';
  const connection = emu.seed.connections.find((c) => c.id === id);
  if (!connection) return plainNotFound(res);
  sendJson(res, 200, connectionJson(connection));
}

function getOrganization({ emu, res, params }: RouteContext): void {
  const id = params.id ?? '';
  const organization = emu.seed.organizations.find((o) => o.id === id);
  if (!organization) return entityNotFound(res, `Organization not found: '${id}'.`, id);
  sendJson(res, 200, organizationJson(organization));
}

/** Routes: list/get connections, get organization. */
export const connectionsRoutes: Route[] = [
  { method: 'GET', path: '/connections', auth: 'api_key', handle: listConnections },
  { method: 'GET', path: '/connections/:id', auth: 'api_key', handle: getConnection },
  { method: 'GET', path: '/organizations/:id', auth: 'api_key', handle: getOrganization },
];
