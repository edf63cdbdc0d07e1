'use strict';
// GET /insights/earnings (cursor style, startDate/endDate/source) and GET /insights/fans/{id}.
const { arrayParam } = require('../http/util');
const { invalid, notFound } = require('./errors');
const { requireUuidParam } = require('./validate');
const { parseCursorParams, cursorPageOf } = require('./pagination');
const { EARNING_SOURCES } = require('../seed');

// ISO 8601 date-time with optional offset, as the docs describe.
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

function dateParam(value, name) {
	if (value === undefined || value === '') return null;
	if (!ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value))) throw invalid(name, `${name} must be an ISO 8601 date-time`);
	return Date.parse(value);
}

function earnings(ctx, { query, multi }) {
	const { store } = ctx;
	const paging = parseCursorParams(query, { defaultSize: 20 });
	const start = dateParam(query.startDate, 'startDate');
	const end = dateParam(query.endDate, 'endDate');
	if (start !== null && end !== null && start >= end) throw invalid('endDate', 'endDate must be after startDate');
	const sources = arrayParam(multi, 'source');
	const bad = sources.find((s) => !EARNING_SOURCES.includes(s));
	if (bad) throw invalid('source', `Unknown source "${bad}". Allowed: ${EARNING_SOURCES.join(', ')}`);
	const wanted = sources.length && !sources.includes('all') ? new Set(sources) : null;
	const rows = store.earnings.filter((e) => (start === null || e.dateMs >= start) && (end === null || e.dateMs < end) && (!wanted || wanted.has(e.source)));
	const body = cursorPageOf(rows, paging, (e) => e.id, (e) => {
		const fan = e.fanUuid ? store.fan(e.fanUuid) : null;
		const chat = fan ? store.chat(fan.uuid) : null;
		return {
			date: new Date(e.dateMs).toISOString(),
			gross: e.gross,
			net: e.net,
			currency: e.currency,
			source: e.source,
			user: fan ? { uuid: fan.uuid, handle: fan.handle, displayName: fan.displayName, nickname: chat ? chat.nickname : null, isTopSpender: fan.isTopSpender } : null,
		};
	});
	return { status: 200, body };
}

function fanInsights(ctx, { params }) {
	const { store } = ctx;
	const fan = store.fan(requireUuidParam('userUuid', params.userUuid));
	if (!fan) throw notFound('Fan not found');
	const mine = store.earnings.filter((e) => e.fanUuid === fan.uuid);
	const sources = {};
	for (const e of mine) sources[e.source] = (sources[e.source] || 0) + e.gross;
	const status = fan.status === 'none' ? 'not_contactable' : fan.status;
	return {
		status: 200,
		body: {
			status,
			spending: {
				lastPurchaseAt: mine.length ? new Date(Math.max(...mine.map((e) => e.dateMs))).toISOString() : null,
				total: { gross: fan.spentCents },
				maxSinglePayment: { gross: mine.reduce((m, e) => Math.max(m, e.gross), 0) },
				sources,
			},
			subscription: {
				createdAt: fan.subscribedAt,
				renewsAt: fan.status === 'subscriber' && fan.autoRenew ? new Date(Date.parse(fan.subscribedAt) + 30 * 864e5).toISOString() : null,
				autoRenewalEnabled: fan.status === 'subscriber' && fan.autoRenew,
			},
		},
	};
}

module.exports = { earnings, fanInsights };
