'use strict';
// Small helpers over node:http so route handlers stay short.

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the raw request body (Buffer). Rejects bodies over `maxBytes` (1 MB by default). */
function readRawBody(req, maxBytes = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > maxBytes) {
				reject(Object.assign(new Error('Request body too large'), { status: 413 }));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Parses a raw body by content type. Returns {value, error}. Empty body => undefined. */
function parseBody(raw, contentType = '') {
	if (!raw.length) return { value: undefined };
	const text = raw.toString('utf8');
	if (contentType.includes('application/json')) {
		try {
			return { value: JSON.parse(text) };
		} catch {
			return { value: text, error: 'Request body is not valid JSON' };
		}
	}
	if (contentType.includes('application/x-www-form-urlencoded')) {
		return { value: Object.fromEntries(new URLSearchParams(text)) };
	}
	return { value: text };
}

function sendJson(res, status, body, headers = {}) {
	if (res.headersSent || res.destroyed) return;
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		...(payload ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
		'Content-Length': Buffer.byteLength(payload),
	});
	res.end(payload);
}

function sendText(res, status, text, contentType, headers = {}) {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

function sendHtml(res, status, html, headers = {}) {
	res.writeHead(status, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
	res.end(html);
}

function redirect(res, location) {
	res.writeHead(302, { Location: location, 'Content-Length': 0 });
	res.end();
}

/** Query parameters as {key: [values]} so repeated parameters survive. */
function queryMultimap(searchParams) {
	const out = {};
	for (const [k, v] of searchParams) (out[k] = out[k] || []).push(v);
	return out;
}

/**
 * Values of an array parameter, whichever way the client spelled it: `name=a&name=b`,
 * `name[]=a`, `name[0]=a`, or comma separated `name=a,b`.
 */
function arrayParam(multimap, name) {
	const values = [];
	const re = new RegExp(`^${name}(\\[\\d*\\])?$`);
	for (const key of Object.keys(multimap)) {
		if (re.test(key)) values.push(...multimap[key]);
	}
	return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

module.exports = { readRawBody, parseBody, sendJson, sendText, sendHtml, redirect, queryMultimap, arrayParam, escapeHtml };
