'use strict';
// Records every OAuth and API request (not the /_sandbox control calls themselves) for
// sb.requests() and GET /_sandbox/requests. Bounded so long benchmarks do not grow memory.

class RequestLog {
	constructor(limit = 10000) {
		this.limit = limit;
		this.entries = [];
	}

	record(req, url, res) {
		const contentType = req.headers['content-type'] || '';
		const text = req.rawBody && req.rawBody.length ? req.rawBody.toString('utf8') : undefined;
		let body = text;
		if (text !== undefined && contentType.includes('application/json')) {
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
		} else if (text !== undefined && contentType.includes('application/x-www-form-urlencoded')) {
			body = Object.fromEntries(new URLSearchParams(text));
		}
		const entry = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			rawQuery: url.search,
			headers: { ...req.headers },
			body,
			status: null,
			at: new Date().toISOString(),
		};
		this.entries.push(entry);
		if (this.entries.length > this.limit) this.entries.shift();
		res.on('finish', () => {
			entry.status = res.statusCode;
		});
		res.on('close', () => {
			if (entry.status === null && !res.writableFinished) entry.status = 'dropped';
		});
		return entry;
	}

	all() {
		return this.entries.slice();
	}

	clear() {
		this.entries.length = 0;
	}
}

module.exports = { RequestLog };
