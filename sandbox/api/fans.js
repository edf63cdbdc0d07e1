'use strict';
// GET /subscribers and GET /followers. Followers exclude fans with an active subscription.
const { parsePage, pageOf } = require('./pagination');
const { fanView } = require('./views');

const byStatus = (status) => (ctx, { query }) => {
	const paging = parsePage(query);
	const rows = ctx.store.fans.filter((f) => f.status === status);
	return { status: 200, body: pageOf(rows, paging, (f) => fanView(ctx.store, f)) };
};

module.exports = { listSubscribers: byStatus('subscriber'), listFollowers: byStatus('follower') };
