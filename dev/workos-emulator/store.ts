import type { ProfileJson } from './resources.ts';

export interface PasswordlessSession {
  id: string;
  email: string;
  token: string;
  redirectUri: string;
  state: string | undefined;
  connectionId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | undefined;
}

export interface AuthorizationCode {
  code: string;
  profile: ProfileJson;
  expiresAt: number;
  usedAt: number | undefined;
}

export interface AccessToken {
  token: string;
  profile: ProfileJson;
  expiresAt: number;
}

export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  lastSignInAt: number | undefined;
  createdAt: number;
  updatedAt: number;
}

export interface MagicAuth {
  id: string;
  userId: string;
  email: string;
  code: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | undefined;
}

/** Everything the emulated API creates at runtime; seeds live elsewhere and survive reset. */
export class Store {
  sessions = new Map<string, PasswordlessSession>();
  sessionsByToken = new Map<string, PasswordlessSession>();
  codes = new Map<string, AuthorizationCode>();
  accessTokens = new Map<string, AccessToken>();
  /** Keyed by lower-cased email. */
  users = new Map<string, User>();
  magicAuths = new Map<string, MagicAuth>();

  /** Stores a new passwordless session under its id and its link token. */
  addSession(session: PasswordlessSession): void {
    this.sessions.set(session.id, session);
    this.sessionsByToken.set(session.token, session);
  }

  /** Forgets all runtime state. */
  reset(): void {
    this.sessions.clear();
    this.sessionsByToken.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.users.clear();
    this.magicAuths.clear();
  }
}
