'use strict';
// Field checks shared by handlers. Each returns an error entry or null so handlers can
// collect every problem of a body and answer them together, as a validation 400 does.
const { invalid } = require('./errors');

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v) => typeof v === 'string' && UUID_RE.test(v);

/** Path parameters that must be uuids (invalid => 400, as Fanvue's "invalid UUID"). */
function requireUuidParam(name, value) {
	if (!isUuid(value)) throw invalid(name, `${name} must be a valid UUID`);
	return value.toLowerCase();
}

/** Body must be a JSON object. */
function requireObjectBody(body) {
	if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw invalid('body', 'Request body must be a JSON object');
	}
	return body;
}

/** Parses a boolean query value; undefined => fallback. */
function booleanQuery(value, name, fallback) {
	if (value === undefined) return fallback;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw invalid(name, `${name} must be a boolean (true or false)`);
}

function uuidArrayProblem(field, value, { required = false } = {}) {
	if (value === undefined || value === null) return required ? { field, message: `${field} is required` } : null;
	if (!Array.isArray(value)) return { field, message: `${field} must be an array of UUIDs` };
	const bad = value.findIndex((v) => !isUuid(v));
	if (bad >= 0) return { field: `${field}[${bad}]`, message: `${field}[${bad}] must be a valid UUID` };
	return null;
}

module.exports = { isUuid, requireUuidParam, requireObjectBody, booleanQuery, uuidArrayProblem };
