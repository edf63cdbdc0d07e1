'use strict';
// Media uploads, Fanvue's S3 multipart flow:
//   POST /media/uploads {name, filename, mediaType}        -> {mediaUuid, uploadId}; media "created"
//   GET  /media/uploads/{uploadId}/parts/{n}/url           -> a presigned URL (text), served by
//        presigned-parts.js: PUT the bytes there without the Fanvue token, keep the ETag
//   PATCH /media/uploads/{uploadId} {parts:[{PartNumber, ETag}]} -> {status:"processing"}
// Processing ends `mediaProcessingMs` after completion: "ready" when the bytes look like the
// declared media type, else "error" (read lazily, so no timer outlives the sandbox).
const crypto = require('node:crypto');
const { badRequest, notFound, validationError, invalid } = require('./errors');
const { requireObjectBody } = require('./validate');
const { MEDIA_TYPES } = require('./media');
const { looksLike } = require('../media-sniff');

/** S3's multipart rules: parts 1-10000, every part but the last at least 5 MiB. */
const MAX_PARTS = 10000;
const MIN_PART_BYTES = 5 * 1024 * 1024;
const PRESIGNED_URL_TTL_SECONDS = 3600;

function createUploadSession(ctx, { body, principal }) {
	requireObjectBody(body);
	const problems = [];
	for (const field of ['name', 'filename']) {
		if (typeof body[field] !== 'string' || !body[field].trim()) problems.push({ field, message: `${field} is required` });
	}
	if (!MEDIA_TYPES.includes(body.mediaType)) problems.push({ field: 'mediaType', message: `mediaType must be one of ${MEDIA_TYPES.join(', ')}` });
	if (problems.length) throw validationError(problems);

	const { store } = ctx;
	const media = {
		uuid: crypto.randomUUID(),
		status: 'created',
		mediaType: body.mediaType,
		name: body.name.trim(),
		caption: null,
		description: null,
		recommendedPrice: null,
		createdAt: new Date().toISOString(),
	};
	store.addMedia(media);
	const uploadId = crypto.randomBytes(24).toString('base64url');
	// Sessions live with the storage stand-in, not in one creator's store: a managed creator's
	// parts arrive at the same presigned URLs.
	ctx.presignedParts.sessions.set(uploadId, { uploadId, media, creatorUuid: store.creator.uuid, filename: body.filename, owner: `${principal.clientId}:${principal.userUuid}`, parts: new Map(), completed: false });
	return { status: 200, body: { mediaUuid: media.uuid, uploadId } };
}

function findSession(ctx, uploadId, principal) {
	const session = ctx.presignedParts.sessions.get(uploadId);
	// Only the app and user that opened it, for the creator it was opened for.
	if (!session || session.owner !== `${principal.clientId}:${principal.userUuid}` || session.creatorUuid !== ctx.store.creator.uuid) {
		throw notFound('Upload session not found');
	}
	if (session.completed) throw badRequest('Upload session is already completed');
	return session;
}

function partUrl(ctx, { params, principal }) {
	const session = findSession(ctx, params.uploadId, principal);
	const partNumber = Number(params.partNumber);
	if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) throw invalid('partNumber', `partNumber must be an integer from 1 to ${MAX_PARTS}`);
	const url = ctx.presignedParts.urlFor(session.uploadId, partNumber, PRESIGNED_URL_TTL_SECONDS);
	// Fanvue answers the bare URL, not a JSON object.
	return { status: 200, body: url, contentType: 'text/plain; charset=utf-8' };
}

const unquote = (etag) => String(etag).replace(/^"|"$/g, '');

function completeUpload(ctx, { params, body, principal }) {
	const session = findSession(ctx, params.uploadId, principal);
	requireObjectBody(body);
	if (!Array.isArray(body.parts) || body.parts.length === 0) throw invalid('parts', 'parts must be a non-empty array');
	const problems = [];
	let previous = 0;
	body.parts.forEach((part, i) => {
		const number = part && part.PartNumber;
		const uploaded = session.parts.get(number);
		if (!Number.isInteger(number) || number <= previous) problems.push({ field: `parts[${i}].PartNumber`, message: 'InvalidPartOrder: part numbers must be ascending integers' });
		else if (!uploaded) problems.push({ field: `parts[${i}]`, message: `InvalidPart: part ${number} was not uploaded` });
		else if (typeof part.ETag !== 'string' || unquote(part.ETag) !== uploaded.etag) problems.push({ field: `parts[${i}].ETag`, message: `InvalidPart: the ETag of part ${number} does not match` });
		else if (i < body.parts.length - 1 && uploaded.size < MIN_PART_BYTES) problems.push({ field: `parts[${i}]`, message: `EntityTooSmall: part ${number} is ${uploaded.size} bytes; every part but the last needs at least ${MIN_PART_BYTES}` });
		if (Number.isInteger(number)) previous = Math.max(previous, number);
	});
	if (problems.length) throw validationError(problems);

	const chunks = body.parts.map((part) => session.parts.get(part.PartNumber).bytes);
	const bytes = Buffer.concat(chunks);
	const { media } = session;
	media.sizeBytes = bytes.length;
	media.sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
	media.status = 'processing';
	media.processedAtMs = Date.now() + ctx.options.mediaProcessingMs;
	media.processingOutcome = looksLike(bytes.subarray(0, 64), media.mediaType) ? 'ready' : 'error';
	session.completed = true;
	session.parts.clear(); // the bytes are not kept
	return { status: 200, body: { status: media.status } };
}

module.exports = { createUploadSession, partUrl, completeUpload, MIN_PART_BYTES, MAX_PARTS };
