'use strict';
// Tracking links: list (cursor style, `limit`, default 20), create, delete.
const crypto = require('node:crypto');
const { badRequest, validationError } = require('./errors');
const { requireUuidParam, requireObjectBody } = require('./validate');
const { parseCursorParams, cursorPageOf } = require('./pagination');
const { SOCIAL_PLATFORMS } = require('../seed');

const MAX_NAME = 100;

function listTrackingLinks(ctx, { query }) {
	const paging = parseCursorParams(query, { defaultSize: 20, sizeParam: 'limit' });
	return { status: 200, body: cursorPageOf(ctx.store.trackingLinks, paging, (l) => l.uuid, (l) => ({ ...l })) };
}

function createTrackingLink(ctx, { body }) {
	requireObjectBody(body);
	const problems = [];
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	if (!name) problems.push({ field: 'name', message: 'name is required' });
	else if (name.length > MAX_NAME) problems.push({ field: 'name', message: `name must be at most ${MAX_NAME} characters` });
	if (!SOCIAL_PLATFORMS.includes(body.externalSocialPlatform)) {
		problems.push({ field: 'externalSocialPlatform', message: `externalSocialPlatform must be one of ${SOCIAL_PLATFORMS.join(', ')}` });
	}
	if (problems.length) throw validationError(problems);
	const link = {
		uuid: crypto.randomUUID(),
		name,
		linkUrl: `fv-${crypto.randomInt(100000, 999999)}`,
		externalSocialPlatform: body.externalSocialPlatform,
		createdAt: new Date().toISOString(),
		clicks: 0,
	};
	ctx.store.trackingLinks.unshift(link);
	return { status: 201, body: { ...link } };
}

function deleteTrackingLink(ctx, { params }) {
	const uuid = requireUuidParam('uuid', params.uuid);
	const at = ctx.store.trackingLinks.findIndex((l) => l.uuid === uuid);
	// Fanvue documents no 404 here: an unknown link is a refused request (400).
	if (at === -1) throw badRequest('Tracking link not found');
	ctx.store.trackingLinks.splice(at, 1);
	return { status: 204 };
}

module.exports = { listTrackingLinks, createTrackingLink, deleteTrackingLink };
