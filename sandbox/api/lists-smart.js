'use strict';
// Smart lists: the seven documented ids with live member counts, and their members.
const { invalid } = require('./errors');
const { parsePage, pageOf } = require('./pagination');
const { memberView } = require('./views');
const { SMART_LISTS, SMART_LIST_BY_ID } = require('../smart-lists');

function listSmartLists(ctx) {
	const counts = SMART_LISTS.map(() => 0);
	for (const fan of ctx.store.fans) SMART_LISTS.forEach((l, i) => l.has(fan) && counts[i]++);
	return { status: 200, body: SMART_LISTS.map((l, i) => ({ uuid: l.uuid, name: l.name, count: counts[i] })) };
}

function smartListMembers(ctx, { params, query }) {
	const list = SMART_LIST_BY_ID.get(params.uuid);
	if (!list) throw invalid('uuid', `Unknown smart list "${params.uuid}". Allowed: ${SMART_LISTS.map((l) => l.uuid).join(', ')}`);
	const paging = parsePage(query);
	return { status: 200, body: pageOf(ctx.store.fans.filter(list.has), paging, memberView) };
}

module.exports = { listSmartLists, smartListMembers };
