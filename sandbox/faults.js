'use strict';
// Fault injection for API routes only (never OAuth or the control API). Set with
// POST /_sandbox/faults or sb.setFaults(); cleared with DELETE /_sandbox/faults.
//
// Every random decision (drop this request? spike? which 5xx? send this delivery twice? hold it
// how long?) comes from a generator seeded with the fault seed (startSandbox's `faultSeed`,
// FANVUE_FAULT_SEED), one stream per decision kind: the n-th decision of a kind is the same for
// the same seed whatever else is switched on. Which request meets the n-th decision depends on
// the order requests arrive in, which the sandbox does not control.
const crypto = require('node:crypto');
const { rng } = require('./prng');

const DEFAULT_FAULTS = Object.freeze({
	errorRate: 0, // share (0..1) of API answers replaced by 500/502/503
	latencyMs: 0, // added before every API answer
	rateLimitStormUntil: 0, // epoch ms until which every API request answers 429
	dropConnections: 0, // share (0..1) of API requests whose socket is destroyed without answer
	failSends: false, // POST /chats/{id}/message and /chats/mass-messages answer 503
	// The same sends are delivered (stored, the fans get them) and then answered 500 ('error')
	// or left without an answer, the connection cut ('drop'): the client cannot tell it went out.
	deliverThenFail: false,
	// Every latencySpikes.rate share of API answers waits latencySpikes.ms more.
	latencySpikes: null,
	// Recurring 429 storms: the first `seconds` of every `everySeconds`, counted from when set.
	rateLimitStorms: null,
	// Access tokens issued while set die after this many seconds, whatever expires_in says.
	accessTokenLifetimeSeconds: 0,
	duplicateDeliveries: 0, // share (0..1) of webhook deliveries sent twice
	reorderDeliveriesMs: 0, // each webhook delivery waits a random 0..n ms first, so later events can overtake
});

const DELIVER_THEN_FAIL_MODES = [false, 'error', 'drop'];

/** The decision kinds, each drawn from its own stream. */
const DECISION_KINDS = ['drop', 'spike', 'error', 'errorStatus', 'duplicate', 'hold'];
const MAX_RECORDED_DECISIONS = 10000;

/**
 * The fault seed when startSandbox() is given none: FANVUE_FAULT_SEED if set (digits become a
 * number, as `--seed` does), else a fresh random one. Tests call it once at load time to name the
 * seed in their titles and pass it on as `faultSeed`.
 */
function resolveFaultSeed(env = process.env) {
	const fromEnv = env.FANVUE_FAULT_SEED;
	if (fromEnv !== undefined && fromEnv.trim() !== '') return /^\d+$/.test(fromEnv.trim()) ? Number(fromEnv.trim()) : fromEnv.trim();
	return crypto.randomInt(1, 2 ** 31);
}

class Faults {
	constructor(seed = resolveFaultSeed()) {
		this.seed = seed;
		this.streams = Object.fromEntries(DECISION_KINDS.map((kind) => [kind, rng(seed, `fault:${kind}`).next]));
		this.counts = Object.fromEntries(DECISION_KINDS.map((kind) => [kind, 0]));
		this.recorded = [];
		this.clear();
	}

	/** The next number in [0, 1) of one decision kind's stream, recorded. */
	draw(kind) {
		const value = this.streams[kind]();
		this.recorded.push({ kind, n: this.counts[kind]++, value });
		// Trimmed in halves so that recording stays cheap in long runs.
		if (this.recorded.length >= 2 * MAX_RECORDED_DECISIONS) this.recorded.splice(0, MAX_RECORDED_DECISIONS);
		return value;
	}

	/**
	 * The decisions drawn so far, oldest first (the last 10000 at most): `[{kind, n, value}]`,
	 * `n` counting from 0 per kind, `value` the draw in [0, 1) compared with the fault's share.
	 */
	decisions() {
		return this.recorded.slice(-MAX_RECORDED_DECISIONS).map((d) => ({ ...d }));
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
		share('duplicateDeliveries');
		const nonNegative = (name) => {
			if (input[name] === undefined) return;
			const v = Number(input[name]);
			if (!(v >= 0)) problems.push(`${name} must be >= 0`);
			else this[name] = v;
		};
		nonNegative('accessTokenLifetimeSeconds');
		nonNegative('reorderDeliveriesMs');
		if (input.latencySpikes !== undefined) {
			const { rate, ms } = input.latencySpikes || {};
			if (input.latencySpikes === null || input.latencySpikes === false) this.latencySpikes = null;
			else if (!(Number(rate) >= 0 && Number(rate) <= 1 && Number(ms) >= 0)) problems.push('latencySpikes must be {rate: 0..1, ms: >= 0}');
			else this.latencySpikes = { rate: Number(rate), ms: Number(ms) };
		}
		if (input.rateLimitStorms !== undefined) {
			const { everySeconds, seconds } = input.rateLimitStorms || {};
			if (input.rateLimitStorms === null || input.rateLimitStorms === false) this.rateLimitStorms = null;
			else if (!(Number(everySeconds) > 0 && Number(seconds) > 0 && Number(seconds) < Number(everySeconds))) {
				problems.push('rateLimitStorms must be {everySeconds, seconds} with 0 < seconds < everySeconds');
			} else this.rateLimitStorms = { everySeconds: Number(everySeconds), seconds: Number(seconds), since: Date.now() };
		}
		if (input.failSends !== undefined) this.failSends = !!input.failSends;
		if (input.deliverThenFail !== undefined) {
			if (!DELIVER_THEN_FAIL_MODES.includes(input.deliverThenFail)) problems.push("deliverThenFail must be false, 'error' or 'drop'");
			else this.deliverThenFail = input.deliverThenFail;
		}
		return problems;
	}

	stormSecondsLeft() {
		const now = Date.now();
		const ms = this.rateLimitStormUntil - now;
		if (ms > 0) return Math.ceil(ms / 1000);
		if (!this.rateLimitStorms) return 0;
		const { everySeconds, seconds, since } = this.rateLimitStorms;
		const intoPeriod = (now - since) % (everySeconds * 1000);
		return intoPeriod < seconds * 1000 ? Math.ceil((seconds * 1000 - intoPeriod) / 1000) : 0;
	}

	/** Milliseconds to wait before answering: the steady latency plus, sometimes, a spike. */
	delayMs() {
		const spike = this.latencySpikes && this.draw('spike') < this.latencySpikes.rate ? this.latencySpikes.ms : 0;
		return this.latencyMs + spike;
	}

	/** How many times to send a webhook delivery (1, or 2 for an injected duplicate). */
	deliveryCopies() {
		return this.duplicateDeliveries > 0 && this.draw('duplicate') < this.duplicateDeliveries ? 2 : 1;
	}

	/** A random hold before a webhook delivery's first attempt (0 without the fault). */
	deliveryHoldMs() {
		return this.reorderDeliveriesMs > 0 ? Math.floor(this.draw('hold') * this.reorderDeliveriesMs) : 0;
	}

	shouldDrop() {
		return this.dropConnections > 0 && this.draw('drop') < this.dropConnections;
	}

	/** A 5xx status to answer instead, or 0. */
	injectedError() {
		if (!(this.errorRate > 0 && this.draw('error') < this.errorRate)) return 0;
		return [500, 502, 503][Math.floor(this.draw('errorStatus') * 3)];
	}

	describe() {
		return {
			errorRate: this.errorRate,
			latencyMs: this.latencyMs,
			rateLimitStormSecondsLeft: this.stormSecondsLeft(),
			dropConnections: this.dropConnections,
			failSends: this.failSends,
			deliverThenFail: this.deliverThenFail,
			latencySpikes: this.latencySpikes && { rate: this.latencySpikes.rate, ms: this.latencySpikes.ms },
			rateLimitStorms: this.rateLimitStorms && { everySeconds: this.rateLimitStorms.everySeconds, seconds: this.rateLimitStorms.seconds },
			accessTokenLifetimeSeconds: this.accessTokenLifetimeSeconds,
			duplicateDeliveries: this.duplicateDeliveries,
			reorderDeliveriesMs: this.reorderDeliveriesMs,
		};
	}
}

module.exports = { Faults, resolveFaultSeed };
