/**
 * The PIN that locks kiosk mode, stored only as a salted hash: PBKDF2 over HMAC-SHA-256 through
 * crypto.subtle. It keeps the PIN out of plain sight in storage; it is no protection against
 * someone who can read the browser's storage (they can also clear it).
 */
export interface PinHash {
  /** Random, hex. */
  salt: string;
  /** Hex. */
  hash: string;
}

export const PIN_PATTERN = /^\d{4,12}$/;
const ITERATIONS = 100_000;

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export async function hashPin(pin: string, salt = randomSalt()): Promise<PinHash> {
  const key = await crypto.subtle.importKey('raw', encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encode(salt), iterations: ITERATIONS },
    key,
    256,
  );
  return { salt, hash: toHex(new Uint8Array(bits)) };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const { hash } = await hashPin(pin, stored.salt);
  // Compared in full whatever the first difference, for what it is worth in a page.
  let diff = hash.length ^ stored.hash.length;
  for (let i = 0; i < hash.length; i++) diff |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  return diff === 0;
}

function randomSalt(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

const encode = (s: string) => new TextEncoder().encode(s);
const toHex = (bytes: Uint8Array) =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
