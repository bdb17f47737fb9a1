/**
 * A software authenticator for HTTP tests: real P-256 keys, real CBOR and real ECDSA signatures,
 * made the way a browser's authenticator makes them, so the server's checks (by
 * @simplewebauthn/server) run unchanged. Browser tests use Chromium's virtual authenticator.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

export interface SoftCredential {
  id: string;
  privateKey: KeyObject;
  counter: number;
  userHandle: string;
}

const b64 = (bytes: Uint8Array | Buffer) => isoBase64URL.fromBuffer(new Uint8Array(bytes));

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function counterBytes(counter: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(counter);
  return b;
}

const rpIdHash = (rpId: string) => createHash('sha256').update(rpId).digest();

/** Answers creation options (as the server sent them) like an authenticator with UV. */
export function createCredential(
  options: { challenge: string; rp: { id?: string }; user: { id: string } },
  origin: string,
  overrides: { rpId?: string; type?: string; flags?: number } = {},
) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, isoBase64URL.toBuffer(jwk.x!)],
      [-3, isoBase64URL.toBuffer(jwk.y!)],
    ]),
  );
  const credentialId = randomBytes(32);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([
    rpIdHash(overrides.rpId ?? options.rp.id ?? ''),
    Buffer.from([overrides.flags ?? 0x45]), // user present, user verified, attested data
    counterBytes(0),
    Buffer.alloc(16),
    idLength,
    credentialId,
    Buffer.from(cose),
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', new Uint8Array(authData)],
    ]) as never,
  );
  const id = b64(credentialId);
  const credential: SoftCredential = {
    id,
    privateKey,
    counter: 0,
    userHandle: options.user.id,
  };
  const response = {
    id,
    rawId: id,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64(
        clientData(overrides.type ?? 'webauthn.create', options.challenge, origin),
      ),
      attestationObject: b64(attestationObject),
      transports: ['internal'],
    },
  };
  return { credential, response };
}

/** Signs a sign-in's challenge with the credential, as the authenticator would. */
export function signInWith(
  credential: SoftCredential,
  options: { challenge: string; rpId?: string },
  origin: string,
  overrides: { rpId?: string; flags?: number } = {},
) {
  credential.counter += 1;
  const authData = Buffer.concat([
    rpIdHash(overrides.rpId ?? options.rpId ?? ''),
    Buffer.from([overrides.flags ?? 0x05]), // user present, user verified
    counterBytes(credential.counter),
  ]);
  const data = clientData('webauthn.get', options.challenge, origin);
  const signature = sign(
    'sha256',
    Buffer.concat([authData, createHash('sha256').update(data).digest()]),
    credential.privateKey,
  );
  return {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64(data),
      authenticatorData: b64(authData),
      signature: b64(signature),
      userHandle: credential.userHandle,
    },
  };
}
