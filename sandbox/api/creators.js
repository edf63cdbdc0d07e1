'use strict';
// Agency routes: GET /creators (the managed creators) and the /creators/{creatorUserUuid}/...
// form of other routes, which runs the same handler on the managed creator's own store.
const { parsePage, pageOf } = require('./pagination');
const { requireUuidParam } = require('./validate');

function listCreators(ctx, { query }) {
	const paging = parsePage(query);
	return {
		status: 200,
		body: pageOf(ctx.agency.creators(), paging, (c) => ({
			uuid: c.uuid,
			handle: c.handle,
			displayName: c.displayName,
			nickname: null,
			isTopSpender: false,
			avatarUrl: c.avatarUrl,
			registeredAt: c.createdAt,
			role: 'creator',
		})),
	};
}

/** `handler` as the managed creator in the path: same rules, that creator's data. */
function asManagedCreator(handler) {
	return (ctx, request) => {
		const creatorUuid = requireUuidParam('creatorUserUuid', request.params.creatorUserUuid);
		return handler({ ...ctx, store: ctx.agency.storeFor(creatorUuid) }, request);
	};
}

/**
 * Fanvue documents only `page` and `size` for the agency form of the chat and custom-list
 * lists: their filters, search and sorting are not part of it, so they have no effect here.
 */
function pagesOnly(handler) {
	return (ctx, request) => {
		const { page, size } = request.query;
		const query = Object.fromEntries(Object.entries({ page, size }).filter(([, v]) => v !== undefined));
		const multi = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]));
		return handler(ctx, { ...request, query, multi });
	};
}

module.exports = { listCreators, asManagedCreator, pagesOnly };
