'use strict';
// The sandbox's stand-in for S3: the presigned URLs that GET /media/uploads/{id}/parts/{n}/url
// hands out point here. Like S3 it checks the URL's signature and expiry, refuses a request
// that also carries an Authorization header (a presigned URL is the only credential; a
// client that sent its Fanvue bearer token here would leak it), keeps the bytes and answers
// the part's ETag (quoted MD5 of the bytes).
const crypto = require('node:crypto');

const PATH = /^\/_s3\/uploads\/([A-Za-z0-9_-]+)\/parts\/(\d+)$/;
/** S3 allows 5 GiB per part; the sandbox keeps parts in memory, so it takes less. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

function s3Error(res, status, code, message) {
	const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
	res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(xml) });
	res.end(xml);
}

function createPresignedParts(ctx) {
	const secret = crypto.randomBytes(32);
	const sign = (uploadId, partNumber, expires) => crypto.createHmac('sha256', secret).update(`${uploadId}:${partNumber}:${expires}`).digest('hex');

	return {
		/** uploadId -> upload session (see api/uploads.js), whichever creator it is for. */
		sessions: new Map(),
		isPartPath: (pathname) => PATH.test(pathname),
		maxPartBytes: MAX_PART_BYTES,

		urlFor(uploadId, partNumber, ttlSeconds) {
			const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
			return `${ctx.baseUrl}/_s3/uploads/${uploadId}/parts/${partNumber}?X-Amz-Expires=${expires}&X-Amz-Signature=${sign(uploadId, partNumber, expires)}`;
		},

		/** Handles PUT <presigned url> with the raw body already read. */
		handle(req, res, url) {
			const [, uploadId, partText] = PATH.exec(url.pathname);
			const partNumber = Number(partText);
			if (req.method !== 'PUT') return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
			if (req.headers.authorization) {
				return s3Error(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified');
			}
			const expires = Number(url.searchParams.get('X-Amz-Expires'));
			const signature = url.searchParams.get('X-Amz-Signature') || '';
			const expected = sign(uploadId, partNumber, expires);
			if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
				return s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
			}
			if (!(expires * 1000 > Date.now())) return s3Error(res, 403, 'AccessDenied', 'Request has expired');
			const session = this.sessions.get(uploadId);
			if (!session || session.completed) return s3Error(res, 404, 'NoSuchUpload', 'The specified upload does not exist.');
			const bytes = req.rawBody;
			const etag = crypto.createHash('md5').update(bytes).digest('hex');
			session.parts.set(partNumber, { etag, size: bytes.length, bytes });
			res.writeHead(200, { ETag: `"${etag}"`, 'Content-Length': 0 });
			res.end();
		},
	};
}

module.exports = { createPresignedParts, MAX_PART_BYTES };
