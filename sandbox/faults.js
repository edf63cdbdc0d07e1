'use strict';
// Fault injection for API routes only (never OAuth or the control API). Set with
// POST /_sandbox/faults or sb.setFaults(); cleared with DELETE /_sandbox/faults.

const DEFAULT_FAULTS = Object.freeze({
	errorRate: 0, // share (0..1) of API answers replaced by 500/502/503
	latencyMs: 0, // added before every API answer
	rateLimitStormUntil: 0, // epoch ms until which every API request answers 429
	dropConnections: 0, // share (0..1) of API requests whose socket is destroyed without answer
	failSends: false, // POST /chats/{id}/message and /chats/mass-messages answer 503
	// The same sends are delivered (stored, the fans get them) and then answered 500 ('error')
	// or left without an answer, the connection cut ('drop'): the client cannot tell it went out.
	deliverThenFail: false,
});

const DELIVER_THEN_FAIL_MODES = [false, 'error', 'drop'];

class Faults {
	constructor(random = Math.random) {
		this.random = random;
		this.clear();
	}

	clear() {
		Object.assign(this, DEFAULT_FAULTS);
	}

	/**
	 * Applies a partial fault configuration. `rateLimitStorm` is in seconds (N seconds of 429
	 * from now); `expireTokensEarly: true` is a one-shot action done by the caller.
	 */
	set(input = {}) {
		const problems = [];
		const share = (name) => {
			if (input[name] === undefined) return;
			const v = Number(input[name]);
			if (!(v >= 0 && v <= 1)) problems.push(`${name} must be a number between 0 and 1`);
			else this[name] = v;
		};
		share('errorRate');
		share('dropConnections');
		if (input.latencyMs !== undefined) {
			const v = Number(input.latencyMs);
			if (!(v >= 0)) problems.push('latencyMs must be >= 0');
			else this.latencyMs = v;
		}
		if (input.rateLimitStorm !== undefined) {
			const v = input.rateLimitStorm === false ? 0 : Number(input.rateLimitStorm);
			if (!(v >= 0)) problems.push('rateLimitStorm must be a number of seconds');
			else this.rateLimitStormUntil = v ? Date.now() + v * 1000 : 0;
		}
		if (input.failSends !== undefined) this.failSends = !!input.failSends;
		if (input.deliverThenFail !== undefined) {
			if (!DELIVER_THEN_FAIL_MODES.includes(input.deliverThenFail)) problems.push("deliverThenFail must be false, 'error' or 'drop'");
			else this.deliverThenFail = input.deliverThenFail;
		}
		return problems;
	}

	stormSecondsLeft() {
		const ms = this.rateLimitStormUntil - Date.now();
		return ms > 0 ? Math.ceil(ms / 1000) : 0;
	}

	shouldDrop() {
		return this.dropConnections > 0 && this.random() < this.dropConnections;
	}

	/** A 5xx status to answer instead, or 0. */
	injectedError() {
		if (!(this.errorRate > 0 && this.random() < this.errorRate)) return 0;
		return [500, 502, 503][Math.floor(this.random() * 3)];
	}

	describe() {
		return {
			errorRate: this.errorRate,
			latencyMs: this.latencyMs,
			rateLimitStormSecondsLeft: this.stormSecondsLeft(),
			dropConnections: this.dropConnections,
			failSends: this.failSends,
			deliverThenFail: this.deliverThenFail,
		};
	}
}

module.exports = { Faults };
