'use strict';
// Webhook targets and dispatch. Two kinds of targets receive the same events:
//  - configured: the Developer Area's Events tab (sb.configureWebhook / POST /_sandbox/webhooks),
//    listening to classic names ('Message Received', ...) and checkout types;
//  - subscriptions: made through POST /webhooks/subscriptions, listening to platform types
//    ('message.received', ...) and checkout types.
const crypto = require('node:crypto');
const { WebhookDeliverer } = require('./deliverer');
const { CONFIGURABLE_EVENTS } = require('./events');

const newSecret = () => `whsec_${crypto.randomBytes(24).toString('base64url')}`;

function urlProblem(url) {
	try {
		const u = new URL(url);
		return u.protocol === 'http:' || u.protocol === 'https:' ? null : 'url must use http or https';
	} catch {
		return 'url must be an absolute URL';
	}
}

function createWebhooks(ctx) {
	const deliverer = new WebhookDeliverer(ctx.options.webhookRetry);

	/**
	 * Adds or replaces (same url) a Developer-Area target. Returns the stored target (with
	 * its signing secret, generated when not given). `secondarySigningSecret` signs too,
	 * as during a secret rotation.
	 */
	function configure({ url, events, signingSecret, secondarySigningSecret } = {}) {
		const problems = [];
		const p = urlProblem(url);
		if (p) problems.push({ field: 'url', message: p });
		if (!Array.isArray(events) || !events.length) problems.push({ field: 'events', message: 'events must be a non-empty array' });
		else {
			const bad = events.filter((e) => !CONFIGURABLE_EVENTS.includes(e));
			if (bad.length) problems.push({ field: 'events', message: `Unknown event(s): ${bad.join(', ')}. Allowed: ${CONFIGURABLE_EVENTS.join(', ')}` });
		}
		if (problems.length) return { errors: problems };
		const target = { id: crypto.randomUUID(), url, events: [...events], signingSecret: signingSecret || newSecret(), secondarySigningSecret: secondarySigningSecret || null };
		const targets = ctx.store.webhookTargets;
		const at = targets.findIndex((t) => t.url === url);
		if (at >= 0) targets[at] = target;
		else targets.push(target);
		return { target };
	}

	function clearConfigured() {
		ctx.store.webhookTargets.length = 0;
	}

	/** Every target that listens to this event, with the payload name it knows it by. */
	function targetsFor({ classic, platform }) {
		const out = [];
		for (const t of ctx.store.webhookTargets) {
			if (t.events.includes(classic)) out.push({ url: t.url, event: classic, secrets: [t.signingSecret, t.secondarySigningSecret].filter(Boolean), target: `configured:${t.id}` });
		}
		for (const s of ctx.store.webhookSubscriptions.values()) {
			if (s.events.includes(platform)) out.push({ url: s.url, event: platform, secrets: [s.signingSecret], target: `subscription:${s.uuid}` });
		}
		return out;
	}

	/**
	 * Delivers one event to all matching targets; resolves with the first attempt of each
	 * (retries continue in the background). `duplicate` sends each delivery twice, as
	 * Fanvue's at-least-once delivery may; the faults `duplicateDeliveries` and
	 * `reorderDeliveriesMs` do the same at random and hold each copy a random while, so that
	 * deliveries of later events can arrive first.
	 */
	async function dispatch({ names, payload, deliveryId, duplicate = false }) {
		const rawBody = JSON.stringify(payload);
		const sends = [];
		const held = (delivery) => {
			const holdMs = ctx.faults.deliveryHoldMs();
			if (!holdMs) return deliverer.deliver(delivery);
			// unref: a held delivery does not keep a stopped sandbox's process alive. It counts as
			// pending (deliverer.pending()) while held.
			deliverer.inFlight++;
			return new Promise((resolve) => setTimeout(resolve, holdMs).unref()).then(() => {
				deliverer.inFlight--;
				return deliverer.stopped ? { ...delivery, status: null, error: 'sandbox stopped' } : deliverer.deliver(delivery);
			});
		};
		for (const t of targetsFor(names)) {
			const delivery = { id: deliveryId || `dlv_${crypto.randomUUID()}`, url: t.url, event: t.event, rawBody, secrets: t.secrets, target: t.target };
			const copies = duplicate ? 2 : ctx.faults.deliveryCopies();
			for (let i = 0; i < copies; i++) sends.push(held(delivery));
		}
		return Promise.all(sends);
	}

	return { configure, clearConfigured, dispatch, deliverer, newSecret, urlProblem };
}

module.exports = { createWebhooks };
