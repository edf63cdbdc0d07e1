'use strict';
// Fanvue's delivery signature: X-Fanvue-Signature: t=<unix seconds>,v0=<hex HMAC-SHA256>
// over `${t}.` followed by the raw body bytes. During secret rotation one header carries a
// v0 per secret.
const crypto = require('node:crypto');

function hmacHex(secret, t, rawBody) {
	return crypto.createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

function signatureHeader(secrets, rawBody, t = Math.floor(Date.now() / 1000)) {
	return [`t=${t}`, ...secrets.map((s) => `v0=${hmacHex(s, t, rawBody)}`)].join(',');
}

module.exports = { signatureHeader, hmacHex };
