import type { SignInRequest } from '../sign-in-request.ts';
import type { WorkOSBudget } from '../workos-budget.ts';

/** A validated sign-in request for this app (plain, or for one organization). */
export type FlowRequest = SignInRequest & { organizationId: string | null };

/** What a method adapter needs to send one sign-in email for this browser. */
export type SendContext = {
  request: FlowRequest;
  /** SHA-256 of this browser's binding secret. */
  bindHash: string;
  /** The organization's Magic Link connection, when signing in to one. */
  connectionId: string | null;
  createdAt: number;
  /** Every WorkOS call of the request draws on this one budget. */
  budget: WorkOSBudget;
};
