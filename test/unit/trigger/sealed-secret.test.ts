// The automatic registration's signing secret at rest: sealed (AES-256-GCM) under a key derived
// from the credential's client secret, because n8n keeps workflow static data in clear.
import { createCipheriv, createHmac } from 'node:crypto';

import { sealSecret, unsealSecret } from '../../../nodes/FanvueTrigger/sealedSecret';

const SECRET = 'whsec_abcdefghijklmnopqrstuvwxyz012345';

test('the sealed form does not contain the secret and opens with the same client secret only', () => {
	const sealed = sealSecret(SECRET, 'client-secret');
	expect(sealed).toMatch(/^sealed:v1:[A-Za-z0-9_-]+$/);
	expect(sealed).not.toContain(SECRET);
	expect(unsealSecret(sealed, 'client-secret')).toBe(SECRET);
	expect(unsealSecret(sealed, 'client-secret-2')).toBeUndefined();
	expect(unsealSecret(sealed, '')).toBeUndefined();
	// A fresh IV each time: two seals of one secret differ.
	expect(sealSecret(SECRET, 'client-secret')).not.toBe(sealed);
});

test('independent vector: AES-256-GCM under HMAC-SHA256(client secret, label), laid out iv | tag | ciphertext', () => {
	const key = createHmac('sha256', 'client-secret').update('n8n-nodes-fanvue webhook signing secret').digest();
	const iv = Buffer.alloc(12, 7);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const body = Buffer.concat([cipher.update(SECRET, 'utf8'), cipher.final()]);
	const stored = `sealed:v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
	expect(unsealSecret(stored, 'client-secret')).toBe(SECRET);
});

test('tampered, truncated, plain or missing values are not opened', () => {
	const sealed = sealSecret(SECRET, 'client-secret');
	const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
	expect(unsealSecret(flipped, 'client-secret')).toBeUndefined();
	expect(unsealSecret('sealed:v1:AAAA', 'client-secret')).toBeUndefined();
	expect(unsealSecret(SECRET, 'client-secret')).toBeUndefined();
	expect(unsealSecret(undefined, 'client-secret')).toBeUndefined();
});
