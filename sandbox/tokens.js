'use strict';
// OAuth token bookkeeping. Tokens are opaque random strings. Every authorization starts a
// "family"; refreshing rotates the refresh token inside the family. Presenting a refresh
// token that was already used is treated as theft: the whole family is revoked (what
// Fanvue's reuse detection does), so a second concurrent refresh kills the connection.
const crypto = require('node:crypto');

const randomToken = (prefix) => `${prefix}_${crypto.randomBytes(24).toString('base64url')}`;

class TokenStore {
	/** `actualLifetimeSeconds()`: the early-expiry fault, 0 when off (tokens live as long as expires_in says). */
	constructor({ accessTokenTtlSeconds, revokeAccessTokenOnRefresh = false }, actualLifetimeSeconds = () => 0) {
		this.ttlMs = accessTokenTtlSeconds * 1000;
		this.actualLifetimeSeconds = actualLifetimeSeconds;
		this.revokeAccessTokenOnRefresh = revokeAccessTokenOnRefresh;
		this.access = new Map(); // token -> {token, familyId, expiresAt, revoked}
		this.refresh = new Map(); // token -> {token, familyId, used, accessToken}
		this.families = new Map(); // id -> {id, clientId, userUuid, scopes, revoked, access:Set, refresh:Set}
	}

	/** Starts a new family (one authorization) and issues its first token pair. */
	issueForNewAuthorization({ clientId, userUuid, scopes }) {
		const family = { id: crypto.randomUUID(), clientId, userUuid, scopes: [...scopes], revoked: false, access: new Set(), refresh: new Set() };
		this.families.set(family.id, family);
		return this._issuePair(family);
	}

	_issuePair(family) {
		const accessToken = randomToken('fvsb_at');
		const refreshToken = randomToken('fvsb_rt');
		const early = this.actualLifetimeSeconds() * 1000;
		const lifetimeMs = early > 0 ? Math.min(early, this.ttlMs) : this.ttlMs;
		this.access.set(accessToken, { token: accessToken, familyId: family.id, expiresAt: Date.now() + lifetimeMs, revoked: false });
		this.refresh.set(refreshToken, { token: refreshToken, familyId: family.id, used: false, accessToken });
		family.access.add(accessToken);
		family.refresh.add(refreshToken);
		return {
			access_token: accessToken,
			refresh_token: refreshToken,
			expires_in: Math.round(this.ttlMs / 1000),
			token_type: 'Bearer',
			scope: family.scopes.join(' '),
			id_token: unsignedIdToken(family),
		};
	}

	/** Rotates a refresh token. Returns {tokens} or {error, description}. */
	rotate(refreshToken, clientId) {
		const record = this.refresh.get(refreshToken);
		if (!record) return { error: 'invalid_grant', description: 'The refresh token is unknown.' };
		const family = this.families.get(record.familyId);
		if (family.clientId !== clientId) return { error: 'invalid_grant', description: 'The refresh token was issued to another client.' };
		if (family.revoked) return { error: 'invalid_grant', description: 'The refresh token has been revoked.' };
		if (record.used) {
			this.revokeFamily(family.id);
			return { error: 'invalid_grant', description: 'The refresh token was already used: token reuse detected, the whole authorization has been revoked.' };
		}
		record.used = true;
		if (this.revokeAccessTokenOnRefresh) {
			const old = this.access.get(record.accessToken);
			if (old) old.revoked = true;
		}
		return { tokens: this._issuePair(family) };
	}

	revokeFamily(familyId) {
		const family = this.families.get(familyId);
		if (!family) return;
		family.revoked = true;
		for (const t of family.access) this.access.get(t).revoked = true;
		for (const t of family.refresh) this.refresh.get(t).used = true;
	}

	/** The principal behind a bearer token, or {error} describing why it is not valid. */
	authenticate(accessToken) {
		const record = accessToken && this.access.get(accessToken);
		if (!record) return { error: 'unknown' };
		if (record.revoked) return { error: 'revoked' };
		if (Date.now() >= record.expiresAt) return { error: 'expired' };
		const family = this.families.get(record.familyId);
		return { clientId: family.clientId, userUuid: family.userUuid, scopes: family.scopes, familyId: family.id };
	}

	/** Every access and refresh token ever issued (tests grep logs and databases for them). */
	issued() {
		return { accessTokens: [...this.access.keys()], refreshTokens: [...this.refresh.keys()] };
	}

	/** Fault injection: every access token issued so far is expired from now on. */
	expireAllNow() {
		const now = Date.now();
		for (const record of this.access.values()) record.expiresAt = Math.min(record.expiresAt, now);
	}
}

/** JWT-shaped but unsigned (alg none): clients must not rely on it. */
function unsignedIdToken(family) {
	const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
	const now = Math.floor(Date.now() / 1000);
	return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'fanvue-sandbox', sub: family.userUuid, aud: family.clientId, iat: now, exp: now + 3600 })}.`;
}

module.exports = { TokenStore };
