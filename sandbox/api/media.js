'use strict';
// The creator's vault media: GET /media (filters) and GET /media/{uuid}. Media that is not
// ready shows only uuid and status; URLs come only through the variants asked for
// (`variants=main,thumbnail,...`), as Fanvue documents. Uploads are in uploads.js.
const { arrayParam } = require('../http/util');
const { invalid, notFound } = require('./errors');
const { requireUuidParam, isUuid } = require('./validate');
const { parsePage, pageOf } = require('./pagination');

const MEDIA_TYPES = ['image', 'video', 'audio', 'document'];
const MEDIA_STATUSES = ['created', 'processing', 'ready', 'error'];
const VARIANT_TYPES = ['blurred', 'main', 'thumbnail', 'thumbnail_gallery'];
const USAGES = ['subscribers', 'followers', 'ppv', 'mass_messages'];

/** Which variants Fanvue renders for each kind of media. */
const VARIANTS_OF = {
	image: ['main', 'thumbnail', 'thumbnail_gallery', 'blurred'],
	video: ['main', 'thumbnail', 'blurred'],
	audio: ['main'],
	document: ['main'],
};

function variantView(m, variantType, position) {
	const visual = m.mediaType === 'image' || m.mediaType === 'video';
	const small = variantType !== 'main';
	return {
		uuid: m.variantUuids?.[variantType] || `${m.uuid.slice(0, 24)}${String(position).padStart(12, '0')}`,
		variantType,
		displayPosition: position,
		url: `https://media.sandbox.fanvue.test/media/${m.uuid}/${variantType}`,
		width: visual ? (small ? 320 : 1080) : null,
		height: visual ? (small ? 400 : 1350) : null,
		lengthMs: m.mediaType === 'video' || m.mediaType === 'audio' ? 30000 : null,
	};
}

function purchasedBy(store, m, fanUuid) {
	const chat = store.chat(fanUuid);
	if (!chat) return false;
	return store.messagesOf(chat).some((msg) => msg.purchasedAt && msg.mediaUuids.includes(m.uuid));
}

/** One media item as Fanvue renders it, given the query's variants and purchasedBy. */
function mediaView(store, m, { variants = [], purchasedByFan } = {}) {
	if (m.status !== 'ready') return { uuid: m.uuid, status: m.status };
	const view = {
		uuid: m.uuid,
		status: m.status,
		createdAt: m.createdAt,
		caption: m.caption,
		description: m.description,
		name: m.name,
		mediaType: m.mediaType,
		recommendedPrice: m.recommendedPrice,
		variants: VARIANTS_OF[m.mediaType].filter((v) => variants.includes(v)).map((v, i) => variantView(m, v, i)),
	};
	if (purchasedByFan) view.purchasedByFan = purchasedBy(store, m, purchasedByFan);
	return view;
}

function enumList(multi, name, allowed) {
	const values = arrayParam(multi, name);
	const bad = values.find((v) => !allowed.includes(v));
	if (bad !== undefined) throw invalid(name, `${name} must be any of ${allowed.join(', ')}`);
	return values;
}

/** Options shared by list and get: which variants to render, whose purchases to check. */
function viewOptions(query, multi) {
	if (query.purchasedBy !== undefined && !isUuid(query.purchasedBy)) throw invalid('purchasedBy', 'purchasedBy must be a valid UUID');
	return { variants: enumList(multi, 'variants', VARIANT_TYPES), purchasedByFan: query.purchasedBy && query.purchasedBy.toLowerCase() };
}

/** Media uuids in use in each `usage` sense. */
function usedFor(store, usage) {
	const uuids = new Set();
	const add = (list) => list.forEach((u) => uuids.add(u));
	if (usage === 'ppv') {
		store.posts.filter((p) => p.price).forEach((p) => add(p.mediaUuids));
		store.templates.filter((t) => t.price).forEach((t) => add(t.mediaUuids));
	}
	if (usage === 'subscribers') store.posts.filter((p) => p.audience === 'subscribers').forEach((p) => add(p.mediaUuids));
	if (usage === 'followers') store.posts.filter((p) => p.audience === 'followers-and-subscribers').forEach((p) => add(p.mediaUuids));
	if (usage === 'mass_messages') store.massMessages.forEach((mm) => add(mm.content.mediaUuids || []));
	return uuids;
}

function listMedia(ctx, { query, multi }) {
	const { store } = ctx;
	const paging = parsePage(query);
	if (query.mediaType !== undefined && !MEDIA_TYPES.includes(query.mediaType)) throw invalid('mediaType', `mediaType must be one of ${MEDIA_TYPES.join(', ')}`);
	if (query.usage !== undefined && !USAGES.includes(query.usage)) throw invalid('usage', `usage must be one of ${USAGES.join(', ')}`);
	const statuses = enumList(multi, 'status', MEDIA_STATUSES);
	const options = viewOptions(query, multi);
	let folder = null;
	if (query.folderName !== undefined) {
		folder = store.vaultFolders.find((f) => f.name === query.folderName);
		if (!folder) return { status: 200, body: pageOf([], paging) };
	}
	const used = query.usage ? usedFor(store, query.usage) : null;
	// Newest first, as Fanvue lists a vault.
	const rows = store.media
		.map((m) => store.mediaItem(m.uuid))
		.filter((m) => !query.mediaType || m.mediaType === query.mediaType)
		.filter((m) => !statuses.length || statuses.includes(m.status))
		.filter((m) => !folder || folder.mediaUuids.has(m.uuid))
		.filter((m) => !used || used.has(m.uuid))
		.reverse();
	return { status: 200, body: pageOf(rows, paging, (m) => mediaView(store, m, options)) };
}

function getMedia(ctx, { params, query, multi }) {
	const m = ctx.store.mediaItem(requireUuidParam('uuid', params.uuid));
	if (!m) throw notFound('Media not found');
	return { status: 200, body: mediaView(ctx.store, m, viewOptions(query, multi)) };
}

module.exports = { listMedia, getMedia, mediaView, MEDIA_TYPES };
