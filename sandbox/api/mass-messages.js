'use strict';
// POST /chats/mass-messages: recipients are the union of the included lists minus the
// union of the excluded lists, contactable fans only; each gets a BROADCAST message.
const crypto = require('node:crypto');
const { badRequest, validationError, serviceUnavailable } = require('./errors');
const { requireObjectBody, isUuid } = require('./validate');
const { checkMessageContent } = require('./message-content');
const { storeCreatorMessage } = require('./messages');
const { SMART_LIST_BY_ID } = require('../smart-lists');

/** Validates {smartListUuids, customListUuids}; pushes problems; returns the resolved lists. */
function checkLists(store, field, value, problems, { required }) {
	if (value === undefined || value === null) {
		if (required) problems.push({ field, message: `${field} is required` });
		return { smart: [], custom: [] };
	}
	if (typeof value !== 'object' || Array.isArray(value)) {
		problems.push({ field, message: `${field} must be an object with smartListUuids and/or customListUuids` });
		return { smart: [], custom: [] };
	}
	const out = { smart: [], custom: [] };
	const { smartListUuids = [], customListUuids = [] } = value;
	if (!Array.isArray(smartListUuids)) problems.push({ field: `${field}.smartListUuids`, message: 'must be an array' });
	else
		for (const id of smartListUuids) {
			if (!SMART_LIST_BY_ID.has(id)) problems.push({ field: `${field}.smartListUuids`, message: `Unknown smart list "${id}"` });
			else out.smart.push(SMART_LIST_BY_ID.get(id));
		}
	if (!Array.isArray(customListUuids)) problems.push({ field: `${field}.customListUuids`, message: 'must be an array' });
	else
		for (const id of customListUuids) {
			const list = isUuid(id) && store.customLists.get(id.toLowerCase());
			if (!list) problems.push({ field: `${field}.customListUuids`, message: `Custom list not found: ${id}` });
			else out.custom.push(list);
		}
	if (required && Array.isArray(smartListUuids) && Array.isArray(customListUuids) && !smartListUuids.length && !customListUuids.length) {
		problems.push({ field, message: `${field} must name at least one smart or custom list` });
	}
	return out;
}

function inAnyList(fan, lists) {
	return lists.smart.some((l) => l.has(fan)) || lists.custom.some((l) => l.members.has(fan.uuid));
}

function sendMassMessage(ctx, { body }) {
	const { store } = ctx;
	if (ctx.faults.failSends) throw serviceUnavailable('Sending messages is temporarily unavailable');
	requireObjectBody(body);
	const { problems, content } = checkMessageContent(store, body, { allowTemplate: false });
	const included = checkLists(store, 'includedLists', body.includedLists, problems, { required: true });
	const excluded = checkLists(store, 'excludedLists', body.excludedLists, problems, { required: false });
	if (problems.length) throw validationError(problems);

	const recipients = store.fans.filter((fan) => store.isContactable(fan) && inAnyList(fan, included) && !inAnyList(fan, excluded));
	if (!recipients.length) throw badRequest('No contactable recipients in the selected lists');
	const id = crypto.randomUUID();
	const createdAt = new Date().toISOString();
	for (const fan of recipients) storeCreatorMessage(store, store.ensureChat(fan, createdAt), content, 'BROADCAST');
	store.massMessages.push({ id, recipientCount: recipients.length, createdAt, content, recipientUuids: recipients.map((f) => f.uuid) });
	return { status: 201, body: { id, recipientCount: recipients.length, createdAt } };
}

module.exports = { sendMassMessage };
