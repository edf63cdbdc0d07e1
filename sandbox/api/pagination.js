'use strict';
// The two documented pagination styles.
//  page:   ?page (>=1) &size (1-50, default 15) -> {data, pagination:{page, size, hasMore}}
//          pagination.size is "number of records returned in this response" (Fanvue's docs).
//  cursor: ?cursor &size|limit (1-50, default 20) -> {data, nextCursor} (null at the end)
const { invalid } = require('./errors');

function integerParam(raw, name, { min, max, fallback }) {
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n)) throw invalid(name, `${name} must be an integer`);
	if (n < min || (max !== undefined && n > max)) {
		throw invalid(name, max === undefined ? `${name} must be >= ${min}` : `${name} must be between ${min} and ${max}`);
	}
	return n;
}

function parsePage(query) {
	return {
		page: integerParam(query.page, 'page', { min: 1, fallback: 1 }),
		size: integerParam(query.size, 'size', { min: 1, max: 50, fallback: 15 }),
	};
}

/** Slices an array for the page style. */
function pageOf(items, { page, size }, map = (x) => x) {
	const start = (page - 1) * size;
	const data = items.slice(start, start + size).map(map);
	return { data, pagination: { page, size: data.length, hasMore: start + size < items.length } };
}

/**
 * Cursor lists name their page size differently: `size` (insights) or `limit` (chat media,
 * tracking links). The other name is refused (400), stricter than Fanvue is known to be, so that
 * a client sending the wrong one is caught here instead of silently getting pages of 20.
 */
function parseCursorParams(query, { defaultSize = 20, sizeParam }) {
	const other = sizeParam === 'size' ? 'limit' : 'size';
	if (query[other] !== undefined) throw invalid(other, `${other} is not a parameter of this list; use ${sizeParam}`);
	const name = sizeParam;
	const size = integerParam(query[name], name, { min: 1, max: 50, fallback: defaultSize });
	let position = null;
	if (query.cursor !== undefined && query.cursor !== '') {
		try {
			position = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
		} catch {
			position = null;
		}
		if (!position || typeof position !== 'object') throw invalid('cursor', 'cursor is not valid');
	}
	return { size, position };
}

const encodeCursor = (position) => Buffer.from(JSON.stringify(position)).toString('base64url');

/**
 * Cursor page over items already in order. `keyOf(item)` is a stable key; the cursor holds
 * the key of the last item served, so inserts at the head do not shift later pages.
 */
function cursorPageOf(items, { size, position }, keyOf, map = (x) => x) {
	let start = 0;
	if (position) {
		const at = items.findIndex((item) => keyOf(item) === position.after);
		if (at === -1) throw invalid('cursor', 'cursor is not valid or has expired');
		start = at + 1;
	}
	const slice = items.slice(start, start + size);
	const hasMore = start + size < items.length;
	return { data: slice.map(map), nextCursor: hasMore && slice.length ? encodeCursor({ after: keyOf(slice[slice.length - 1]) }) : null };
}

module.exports = { parsePage, pageOf, parseCursorParams, cursorPageOf, integerParam };
