'use strict';
// Validation of message content shared by single and mass messages:
// text 1-5000 characters when present; mediaUuids known, ready media of the creator; price an
// integer number of cents >= 300 that needs media; at least some content.
const { isUuid, uuidArrayProblem } = require('./validate');

const MIN_PRICE_CENTS = 300;
const MAX_TEXT = 5000;

/** Returns {problems, content}; content merges a template's fields under the body's own. */
function checkMessageContent(store, body, { allowTemplate }) {
	const problems = [];
	const has = (k) => body[k] !== undefined && body[k] !== null;

	if (has('text')) {
		if (typeof body.text !== 'string') problems.push({ field: 'text', message: 'text must be a string' });
		else if (body.text.length < 1 || body.text.length > MAX_TEXT) problems.push({ field: 'text', message: `text must be between 1 and ${MAX_TEXT} characters` });
	}
	const mediaProblem = uuidArrayProblem('mediaUuids', body.mediaUuids);
	if (mediaProblem) problems.push(mediaProblem);
	else if (has('mediaUuids')) {
		for (const uuid of body.mediaUuids) {
			const media = store.mediaItem(uuid.toLowerCase());
			if (!media) problems.push({ field: 'mediaUuids', message: `Media not found: ${uuid}` });
			else if (media.status !== 'ready') problems.push({ field: 'mediaUuids', message: `Media ${uuid} is not ready (status: ${media.status})` });
		}
	}
	let template = null;
	if (allowTemplate && has('templateUuid')) {
		if (!isUuid(body.templateUuid)) problems.push({ field: 'templateUuid', message: 'templateUuid must be a valid UUID' });
		else {
			template = store.templates.find((t) => t.uuid === body.templateUuid.toLowerCase());
			if (!template) problems.push({ field: 'templateUuid', message: 'Template message not found' });
		}
	}
	const mediaUuids = Array.isArray(body.mediaUuids) && !mediaProblem ? body.mediaUuids.map((u) => u.toLowerCase()) : template ? template.mediaUuids : [];
	if (has('price')) {
		if (typeof body.price !== 'number' || !Number.isInteger(body.price)) problems.push({ field: 'price', message: 'price must be an integer number of cents' });
		else if (body.price < MIN_PRICE_CENTS) problems.push({ field: 'price', message: `price must be at least ${MIN_PRICE_CENTS} cents` });
		else if (!mediaUuids.length) problems.push({ field: 'price', message: 'price requires at least one media item (mediaUuids)' });
	}
	const hasText = has('text') && typeof body.text === 'string' && body.text.length > 0;
	if (!hasText && !(Array.isArray(body.mediaUuids) && body.mediaUuids.length) && !template) {
		problems.push({ field: 'text', message: allowTemplate ? 'A message needs text, mediaUuids or templateUuid' : 'A message needs text or mediaUuids' });
	}
	const content = {
		text: has('text') ? body.text : template ? template.text : null,
		mediaUuids,
		price: has('price') ? body.price : template ? template.price : null,
	};
	return { problems, content };
}

module.exports = { checkMessageContent, MIN_PRICE_CENTS };
