'use strict';
// Sends signed deliveries and retries failures (non-2xx or connection error) with
// exponential backoff: attempt n+1 waits baseDelayMs * 2^(n-1). A retry re-sends the same
// body with a fresh signature timestamp. Every attempt is recorded for sb.deliveries().
const http = require('node:http');
const https = require('node:https');
const { signatureHeader } = require('./sign');

const TIMEOUT_MS = 10000;

class WebhookDeliverer {
	constructor({ attempts, baseDelayMs }) {
		this.attempts = attempts;
		this.baseDelayMs = baseDelayMs;
		this.log = [];
		this.timers = new Set();
		this.inFlight = 0;
		this.stopped = false;
	}

	/** Attempts being sent now or scheduled as retries: 0 once every delivery has its last answer. */
	pending() {
		return this.inFlight + this.timers.size;
	}

	/** Sends attempt 1 now (resolves with its record) and schedules the retries. */
	deliver(delivery) {
		return this._attempt(delivery, 1);
	}

	async _attempt(delivery, attempt) {
		this.inFlight++;
		let record;
		try {
			record = await this._post(delivery, attempt);
		} finally {
			this.inFlight--;
		}
		this.log.push(record);
		const ok = typeof record.status === 'number' && record.status >= 200 && record.status < 300;
		if (!ok && attempt < this.attempts && !this.stopped) {
			const delay = this.baseDelayMs * 2 ** (attempt - 1);
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				this._attempt(delivery, attempt + 1).catch(() => {});
			}, delay);
			this.timers.add(timer);
			record.nextRetryInMs = delay;
		}
		return record;
	}

	_post({ id, url, event, rawBody, secrets, target }, attempt) {
		const header = signatureHeader(secrets, rawBody);
		const base = { id, url, event, attempt, status: null, body: rawBody, signatureHeader: header, target, at: new Date().toISOString() };
		return new Promise((resolve) => {
			let u;
			try {
				u = new URL(url);
			} catch {
				return resolve({ ...base, error: 'invalid url' });
			}
			const lib = u.protocol === 'https:' ? https : http;
			const req = lib.request(u, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(rawBody),
					'User-Agent': 'Fanvue-Webhooks/1.0',
					'X-Fanvue-Signature': header,
				},
				timeout: TIMEOUT_MS,
			});
			req.on('response', (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ ...base, status: res.statusCode, responseBody: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }));
				res.on('error', (e) => resolve({ ...base, error: e.message }));
			});
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', (e) => resolve({ ...base, error: e.code || e.message }));
			req.end(rawBody);
		});
	}

	clearLog() {
		this.log.length = 0;
	}

	stop() {
		this.stopped = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}
}

module.exports = { WebhookDeliverer };
