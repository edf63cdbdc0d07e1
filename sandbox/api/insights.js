'use strict';
// GET /insights/earnings (cursor style, startDate/endDate/source), /insights/subscribers
// (cursor style, one record per day), /insights/top-spenders (page style) and /insights/fans/{id}.
const { arrayParam } = require('../http/util');
const { invalid, notFound } = require('./errors');
const { requireUuidParam } = require('./validate');
const { parsePage, pageOf, parseCursorParams, cursorPageOf } = require('./pagination');
const { fanView } = require('./views');
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
	const paging = parseCursorParams(query, { defaultSize: 20, sizeParam: 'size' });
	const { start, end } = dateRange(query);
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

function dateRange(query) {
	const start = dateParam(query.startDate, 'startDate');
	const end = dateParam(query.endDate, 'endDate');
	if (start !== null && end !== null && start >= end) throw invalid('endDate', 'endDate must be after startDate');
	return { start, end };
}

const DAY_MS = 864e5;
/** A subscription the sandbox records only by its start: an expired one ended 30 days later. */
const SUBSCRIPTION_MS = 30 * DAY_MS;
const DEFAULT_PERIOD_DAYS = 30;

/** Minutes east of UTC of an ISO date-time's offset (Z or none: 0). */
function offsetMinutes(value) {
	const m = /([+-])(\d{2}):(\d{2})$/.exec(value || '');
	return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * Daily subscriber counts over [startDate, endDate): days start at midnight in the offset of
 * startDate (expressed in UTC, as Fanvue's docs say), `total` is the running net change from
 * the start. Without dates: the 30 days before now.
 */
function subscribersCount(ctx, { query }) {
	const { store } = ctx;
	const paging = parseCursorParams(query, { defaultSize: 20, sizeParam: 'size' });
	const range = dateRange(query);
	const end = range.end ?? Date.now();
	const offsetMs = offsetMinutes(query.startDate) * 60e3;
	const from = range.start ?? end - DEFAULT_PERIOD_DAYS * DAY_MS;
	const firstDay = Math.floor((from + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
	const dayOf = (ms) => Math.floor((ms - firstDay) / DAY_MS);
	const days = [];
	for (let day = firstDay; day < end; day += DAY_MS) days.push({ date: day, newSubscribersCount: 0, cancelledSubscribersCount: 0 });
	for (const fan of store.fans) {
		if (!fan.subscribedAt) continue;
		const began = Date.parse(fan.subscribedAt);
		if (began >= from && began < end) days[dayOf(began)].newSubscribersCount++;
		if (fan.status === 'expired') {
			const ended = began + SUBSCRIPTION_MS;
			if (ended >= from && ended < end) days[dayOf(ended)].cancelledSubscribersCount++;
		}
	}
	let total = 0;
	const rows = days.map((d) => {
		total += d.newSubscribersCount - d.cancelledSubscribersCount;
		return { date: new Date(d.date).toISOString(), total, newSubscribersCount: d.newSubscribersCount, cancelledSubscribersCount: d.cancelledSubscribersCount };
	});
	return { status: 200, body: cursorPageOf(rows, paging, (r) => r.date) };
}

/** Fans by what they paid in [startDate, endDate) (all time without dates), most first. */
function topSpenders(ctx, { query }) {
	const { store } = ctx;
	const paging = parsePage(query);
	const { start, end } = dateRange(query);
	const byFan = new Map();
	for (const e of store.earnings) {
		if (!e.fanUuid || (start !== null && e.dateMs < start) || (end !== null && e.dateMs >= end)) continue;
		const sum = byFan.get(e.fanUuid) || { gross: 0, net: 0 };
		sum.gross += e.gross;
		sum.net += e.net;
		byFan.set(e.fanUuid, sum);
	}
	const rows = [...byFan.entries()].map(([uuid, sum]) => ({ fan: store.fan(uuid), ...sum })).sort((a, b) => b.gross - a.gross || a.fan.index - b.fan.index);
	return {
		status: 200,
		body: pageOf(rows, paging, (r) => {
			const chat = store.chat(r.fan.uuid);
			return { gross: r.gross, net: r.net, messages: chat ? store.messagesOf(chat).length : 0, user: fanView(store, r.fan) };
		}),
	};
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

module.exports = { earnings, subscribersCount, topSpenders, fanInsights };
