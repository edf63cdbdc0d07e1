'use strict';
// Posts: list (pinned first, then newest published), get, create, and per post its comments,
// likes and tips (page style). Creating checks what Fanvue documents: audience required, a
// price in whole cents needs media, media must be the creator's and ready, publishAt in the
// future, expiresAt after the publication.
const crypto = require('node:crypto');
const { notFound, validationError } = require('./errors');
const { requireUuidParam, requireObjectBody, uuidArrayProblem } = require('./validate');
const { parsePage, pageOf } = require('./pagination');
const { fanView } = require('./views');

const AUDIENCES = ['subscribers', 'followers-and-subscribers'];
const MAX_TEXT = 5000;

function postView(p) {
	const tipsGross = p.tips.reduce((sum, t) => sum + t.gross, 0);
	return {
		uuid: p.uuid,
		createdAt: p.createdAt,
		text: p.text,
		price: p.price,
		audience: p.audience,
		publishAt: p.publishAt,
		publishedAt: p.publishedAt,
		expiresAt: p.expiresAt,
		mediaUuids: p.mediaUuids,
		isPinned: p.isPinned,
		likesCount: p.likes.length,
		commentsCount: p.comments.length,
		tips: { count: p.tips.length, totalGross: tipsGross, totalNet: p.tips.reduce((sum, t) => sum + t.net, 0) },
	};
}

/** Pinned first, then by publication (scheduled posts by their publishAt), newest first. */
function feedOrder(a, b) {
	const when = (p) => p.publishedAt || p.publishAt || p.createdAt;
	return Number(b.isPinned) - Number(a.isPinned) || (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0);
}

function findPost(store, rawUuid) {
	const post = store.posts.find((p) => p.uuid === requireUuidParam('uuid', rawUuid));
	if (!post) throw notFound('Post not found');
	return post;
}

function listPosts(ctx, { query }) {
	const rows = [...ctx.store.posts].sort(feedOrder);
	return { status: 200, body: pageOf(rows, parsePage(query), postView) };
}

function getPost(ctx, { params }) {
	return { status: 200, body: postView(findPost(ctx.store, params.uuid)) };
}

const fanOf = (store, fanIndex) => store.fans[fanIndex] || null;
const shortUser = (store, fan) => {
	if (!fan) return null;
	const { uuid, handle, displayName, nickname, isTopSpender } = fanView(store, fan);
	return { uuid, handle, displayName, nickname, isTopSpender };
};

function postComments(ctx, { params, query }) {
	const { store } = ctx;
	const post = findPost(store, params.uuid);
	return {
		status: 200,
		body: pageOf(post.comments, parsePage(query), (c) => ({ uuid: c.uuid, text: c.text, user: shortUser(store, fanOf(store, c.fanIndex)), createdAt: c.createdAt, updatedAt: c.updatedAt })),
	};
}

function postLikes(ctx, { params, query }) {
	const { store } = ctx;
	const post = findPost(store, params.uuid);
	return { status: 200, body: pageOf(post.likes, parsePage(query), (l) => ({ user: fanOf(store, l.fanIndex) && fanView(store, fanOf(store, l.fanIndex)), createdAt: l.createdAt })) };
}

function postTips(ctx, { params, query }) {
	const { store } = ctx;
	const post = findPost(store, params.uuid);
	return {
		status: 200,
		body: pageOf(post.tips, parsePage(query), (t) => ({ user: fanOf(store, t.fanIndex) && fanView(store, fanOf(store, t.fanIndex)), createdAt: t.createdAt, gross: t.gross, net: t.net })),
	};
}

function dateProblem(field, value) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return { field, message: `${field} must be an ISO 8601 date-time` };
	return null;
}

function createPost(ctx, { body }) {
	const { store } = ctx;
	requireObjectBody(body);
	const problems = [];
	const has = (k) => body[k] !== undefined && body[k] !== null;
	if (!AUDIENCES.includes(body.audience)) problems.push({ field: 'audience', message: `audience must be one of ${AUDIENCES.join(', ')}` });
	if (has('text') && (typeof body.text !== 'string' || body.text.length > MAX_TEXT)) problems.push({ field: 'text', message: `text must be a string of at most ${MAX_TEXT} characters` });
	const mediaProblem = uuidArrayProblem('mediaUuids', body.mediaUuids);
	const mediaUuids = !mediaProblem && has('mediaUuids') ? body.mediaUuids.map((u) => u.toLowerCase()) : [];
	if (mediaProblem) problems.push(mediaProblem);
	for (const uuid of mediaUuids) {
		const media = store.mediaItem(uuid);
		if (!media) problems.push({ field: 'mediaUuids', message: `Media not found: ${uuid}` });
		else if (media.status !== 'ready') problems.push({ field: 'mediaUuids', message: `Media ${uuid} is not ready (status: ${media.status})` });
	}
	if (has('price')) {
		if (typeof body.price !== 'number' || !Number.isInteger(body.price) || body.price <= 0) problems.push({ field: 'price', message: 'price must be a positive integer number of cents' });
		else if (!mediaUuids.length) problems.push({ field: 'price', message: 'price requires at least one media item (mediaUuids)' });
	}
	if (!(has('text') && body.text !== '') && !mediaUuids.length) problems.push({ field: 'text', message: 'A post needs text or mediaUuids' });
	const publishProblem = dateProblem('publishAt', body.publishAt);
	const expiresProblem = dateProblem('expiresAt', body.expiresAt);
	if (publishProblem) problems.push(publishProblem);
	if (expiresProblem) problems.push(expiresProblem);
	const now = Date.now();
	if (!publishProblem && has('publishAt') && Date.parse(body.publishAt) <= now) problems.push({ field: 'publishAt', message: 'publishAt must be in the future' });
	if (!expiresProblem && has('expiresAt')) {
		const publication = !publishProblem && has('publishAt') ? Date.parse(body.publishAt) : now;
		if (Date.parse(body.expiresAt) <= publication) problems.push({ field: 'expiresAt', message: 'expiresAt must be after the publication' });
	}
	if (problems.length) throw validationError(problems);

	const createdAt = new Date(now).toISOString();
	const post = {
		uuid: crypto.randomUUID(),
		createdAt,
		text: has('text') ? body.text : null,
		price: has('price') ? body.price : null,
		audience: body.audience,
		publishAt: has('publishAt') ? new Date(body.publishAt).toISOString() : null,
		publishedAt: has('publishAt') ? null : createdAt,
		expiresAt: has('expiresAt') ? new Date(body.expiresAt).toISOString() : null,
		mediaUuids,
		isPinned: false,
		likes: [],
		comments: [],
		tips: [],
	};
	store.posts.unshift(post);
	const { uuid, text, price, audience, publishAt, publishedAt, expiresAt } = post;
	return { status: 201, body: { uuid, createdAt, text, price, audience, publishAt, publishedAt, expiresAt } };
}

module.exports = { listPosts, getPost, createPost, postComments, postLikes, postTips };
