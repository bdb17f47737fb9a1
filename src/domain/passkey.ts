/** A person's passkeys and their sign-ins, as the account page and the stores see them. */

/** A stored passkey: the public half of a credential and what the account page shows. */
export interface PasskeyRecord {
  /** The credential id, base64url. */
  id: string;
  userId: string;
  name: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

export type SignInMethodName = 'password' | 'passkey' | 'email-link' | 'sso';

export interface SignInEvent {
  id: string;
  userId: string;
  method: SignInMethodName;
  /** The passkey's or provider's name; '' when there is none. */
  label: string;
  at: string;
}
