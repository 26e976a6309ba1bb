import 'server-only';
import { ConnectionType } from '@workos-inc/node';
import { getWorkOS } from './workos.ts';

/** Shape of organization ids accepted in URLs (checked before any WorkOS call). */
export const ORGANIZATION_ID = /^org_[A-Za-z0-9]{1,64}$/;

/**
 * The id of the organization's active Magic Link connection, or null when the organization is
 * unknown or has none. Throws when WorkOS cannot be reached.
 */
export async function findMagicLinkConnection(organizationId: string): Promise<string | null> {
  const list = await getWorkOS().sso.listConnections({
    organizationId,
    connectionType: ConnectionType.MagicLink,
    limit: 10,
  });
  const connection = list.data.find(
    (c) => c.type === ConnectionType.MagicLink && c.state === 'active' && c.organizationId === organizationId,
  );
  return connection?.id ?? null;
}
