'use strict';
// The creator's vault media (read-only): GET /media and GET /media/{uuid}. Sending a message
// with media requires uuids from here.
const { invalid, notFound } = require('./errors');
const { requireUuidParam } = require('./validate');
const { parsePage, pageOf } = require('./pagination');

const mediaView = (m) => ({ uuid: m.uuid, status: m.status, createdAt: m.createdAt, caption: m.caption, description: m.description, name: m.name, mediaType: m.mediaType, recommendedPrice: m.recommendedPrice, variants: [] });

function listMedia(ctx, { query }) {
	const paging = parsePage(query);
	if (query.mediaType !== undefined && !['image', 'video', 'audio', 'document'].includes(query.mediaType)) throw invalid('mediaType', 'mediaType must be one of image, video, audio, document');
	const rows = ctx.store.media.filter((m) => !query.mediaType || m.mediaType === query.mediaType);
	return { status: 200, body: pageOf(rows, paging, mediaView) };
}

function getMedia(ctx, { params }) {
	const m = ctx.store.mediaByUuid.get(requireUuidParam('uuid', params.uuid));
	if (!m) throw notFound('Media not found');
	return { status: 200, body: mediaView(m) };
}

module.exports = { listMedia, getMedia };
