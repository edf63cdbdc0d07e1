'use strict';
// Token bucket per (app + user), like Fanvue's: `capacity` tokens, refilled continuously at
// capacity/windowSeconds tokens per second. Every API answer reports the bucket in
// X-RateLimit-* headers; an empty bucket answers 429 with Retry-After.

class RateLimiter {
	constructor({ capacity, windowSeconds }, now = () => Date.now()) {
		this.capacity = capacity;
		this.refillPerMs = capacity / (windowSeconds * 1000);
		this.now = now;
		this.buckets = new Map(); // key -> {tokens, updatedAt}
	}

	_bucket(key) {
		const now = this.now();
		let b = this.buckets.get(key);
		if (!b) {
			b = { tokens: this.capacity, updatedAt: now };
			this.buckets.set(key, b);
		}
		b.tokens = Math.min(this.capacity, b.tokens + (now - b.updatedAt) * this.refillPerMs);
		b.updatedAt = now;
		return b;
	}

	/**
	 * Takes one token if there is one. Returns {allowed, headers}; headers always carry the
	 * X-RateLimit-* trio, and Retry-After when refused.
	 */
	take(key) {
		const b = this._bucket(key);
		const allowed = b.tokens >= 1;
		if (allowed) b.tokens -= 1;
		const headers = this._headers(b);
		if (!allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil((1 - b.tokens) / this.refillPerMs / 1000)));
		return { allowed, headers };
	}

	/** Headers for a refusal that did not come from the bucket (rate-limit storm fault). */
	peekHeaders(key) {
		return this._headers(this._bucket(key));
	}

	_headers(b) {
		const msUntilFull = (this.capacity - b.tokens) / this.refillPerMs;
		return {
			'X-RateLimit-Limit': String(this.capacity),
			'X-RateLimit-Remaining': String(Math.floor(b.tokens)),
			'X-RateLimit-Reset': String(Math.ceil((b.updatedAt + msUntilFull) / 1000)),
		};
	}

	reset() {
		this.buckets.clear();
	}
}

module.exports = { RateLimiter };
