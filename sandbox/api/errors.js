'use strict';
// Fanvue's error bodies have no single shape; these helpers produce each documented one:
// 400 validation {errors:[{field, message}]}, other 400 {error, message}, 401 {error},
// 403 {error, message} naming the scope, 404 {message}, 409 {error, message}.

class ApiError extends Error {
	constructor(status, body, headers = {}) {
		super(body.message || body.error || `HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

const validationError = (errors) => new ApiError(400, { errors });
const invalid = (field, message) => validationError([{ field, message }]);
const badRequest = (message) => new ApiError(400, { error: 'Bad Request', message });
const notFound = (message = 'Not Found') => new ApiError(404, { message });
const conflict = (message) => new ApiError(409, { error: 'Conflict', message });
const unauthorized = () => new ApiError(401, { error: 'Unauthorized' });
const forbiddenScope = (scope) => new ApiError(403, { error: 'Forbidden', message: `Missing required scope: ${scope}` });
const serviceUnavailable = (message = 'Service temporarily unavailable') => new ApiError(503, { error: 'Service Unavailable', message });

module.exports = { ApiError, validationError, invalid, badRequest, notFound, conflict, unauthorized, forbiddenScope, serviceUnavailable };
