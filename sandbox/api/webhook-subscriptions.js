'use strict';
// POST/GET /webhooks/subscriptions, DELETE /webhooks/subscriptions/{uuid} (scope read:creator).
// The signing secret is returned once, on creation. Listing shows only the calling OAuth
// client's subscriptions. With webhookSubscriptionsApi:false, creation answers the 400 some
// private apps see.
const crypto = require('node:crypto');
const { badRequest, notFound, validationError } = require('./errors');
const { requireObjectBody, requireUuidParam } = require('./validate');
const { SUBSCRIBABLE_EVENTS } = require('../webhooks/events');

function createSubscription(ctx, { body, principal }) {
	if (!ctx.options.webhookSubscriptionsApi) throw badRequest('Webhook subscriptions are not available for this app');
	requireObjectBody(body);
	const problems = [];
	const urlProblem = typeof body.url === 'string' ? ctx.webhooks.urlProblem(body.url) : 'url is required';
	if (urlProblem) problems.push({ field: 'url', message: urlProblem });
	if (!Array.isArray(body.events) || !body.events.length) problems.push({ field: 'events', message: 'events must be a non-empty array of event types' });
	else {
		const bad = body.events.filter((e) => !SUBSCRIBABLE_EVENTS.includes(e));
		if (bad.length) problems.push({ field: 'events', message: `Unknown event type(s): ${bad.join(', ')}. Allowed: ${SUBSCRIBABLE_EVENTS.join(', ')}` });
	}
	if (problems.length) throw validationError(problems);
	const sub = {
		uuid: crypto.randomUUID(),
		clientId: principal.clientId,
		url: body.url,
		events: [...new Set(body.events)],
		signingSecret: ctx.webhooks.newSecret(),
		createdAt: new Date().toISOString(),
	};
	ctx.store.webhookSubscriptions.set(sub.uuid, sub);
	return { status: 201, body: { uuid: sub.uuid, url: sub.url, events: sub.events, signingSecret: sub.signingSecret, createdAt: sub.createdAt } };
}

function listSubscriptions(ctx, { principal }) {
	const data = [...ctx.store.webhookSubscriptions.values()]
		.filter((s) => s.clientId === principal.clientId)
		.map((s) => ({ uuid: s.uuid, url: s.url, events: s.events, createdAt: s.createdAt }));
	return { status: 200, body: { data } };
}

function deleteSubscription(ctx, { params, principal }) {
	const uuid = requireUuidParam('uuid', params.uuid);
	const sub = ctx.store.webhookSubscriptions.get(uuid);
	if (!sub || sub.clientId !== principal.clientId) throw notFound('Webhook subscription not found');
	ctx.store.webhookSubscriptions.delete(uuid);
	return { status: 204 };
}

module.exports = { createSubscription, listSubscriptions, deleteSubscription };
