import 'server-only';
import {
  ConnectionType,
  GenericServerException,
  NotFoundException,
  OrganizationDomainState,
  UnprocessableEntityException,
} from '@workos-inc/node';
import { getWorkOS } from './workos.ts';
import { WorkOSCallError, type WorkOSBudget } from './workos-budget.ts';

/** Shape of organization ids accepted in URLs (checked before any WorkOS call). */
export const ORGANIZATION_ID = /^org_[A-Za-z0-9]{1,64}$/;

/** An organization's active Magic Link connection and the domains it lists. */
export type MagicLinkConnection = { id: string; domains: string[] };

/**
 * True when WorkOS's answer means "there is no such organization". No source says which one
 * real WorkOS gives for an unknown id on these endpoints, so every plausible one counts.
 */
function isUnknownOrganization(failure: unknown): boolean {
  const error = failure instanceof WorkOSCallError ? failure.cause : failure;
  return (
    error instanceof NotFoundException ||
    error instanceof UnprocessableEntityException ||
    (error instanceof GenericServerException && error.status === 403)
  );
}

const lower = (domains: string[]) => domains.map((d) => d.trim().toLowerCase());

/**
 * The organization's active Magic Link connection, or null when the organization is unknown
 * (an empty list, 403, 404 or 422) or has none. Throws when WorkOS cannot be reached.
 */
export async function findMagicLinkConnection(
  organizationId: string,
  budget: WorkOSBudget,
): Promise<MagicLinkConnection | null> {
  const list = await budget
    .call('list_connections', () =>
      getWorkOS().sso.listConnections({
        organizationId,
        connectionType: ConnectionType.MagicLink,
        limit: 10,
      }),
    )
    .catch((error: unknown) => {
      if (isUnknownOrganization(error)) return null;
      throw error;
    });
  const connection = list?.data.find(
    (c) => c.type === ConnectionType.MagicLink && c.state === 'active' && c.organizationId === organizationId,
  );
  return connection ? { id: connection.id, domains: lower(connection.domains.map((d) => d.domain)) } : null;
}

/** The organization's verified domains (empty when WorkOS does not know the organization). */
async function verifiedDomains(organizationId: string, budget: WorkOSBudget): Promise<string[]> {
  const organization = await budget
    .call('get_organization', () => getWorkOS().organizations.getOrganization(organizationId))
    .catch((error: unknown) => {
      if (isUnknownOrganization(error)) return null;
      throw error;
    });
  return lower(
    (organization?.domains ?? [])
      .filter((d) => d.state === OrganizationDomainState.Verified)
      .map((d) => d.domain),
  );
}

/** The part after the last "@", lower-cased. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * True when `email`'s domain is one of the organization's: a domain of its Magic Link connection,
 * or one of its verified domains. Exact match only (a subdomain is another domain). The
 * organization's domains are only fetched when the connection's do not already match.
 */
export async function organizationAcceptsEmail(
  organizationId: string,
  email: string,
  budget: WorkOSBudget,
  connection?: MagicLinkConnection | null,
): Promise<boolean> {
  const domain = emailDomain(email);
  const known = connection ?? (await findMagicLinkConnection(organizationId, budget));
  if (known?.domains.includes(domain)) return true;
  return (await verifiedDomains(organizationId, budget)).includes(domain);
}
