'use strict';
// Messages in one chat: read (newest first, may mark the chat read), send, delete.
const crypto = require('node:crypto');
const { badRequest, notFound, validationError, serviceUnavailable } = require('./errors');
const { requireUuidParam, requireObjectBody, booleanQuery } = require('./validate');
const { parsePage, pageOf } = require('./pagination');
const { messageView } = require('./views');
const { checkMessageContent } = require('./message-content');

function listMessages(ctx, { params, query }) {
	const { store } = ctx;
	const userUuid = requireUuidParam('userUuid', params.userUuid);
	const paging = parsePage(query);
	// Fanvue's docs: markAsRead defaults to true, so merely reading a chat marks it read.
	const markAsRead = booleanQuery(query.markAsRead, 'markAsRead', true);
	const chat = store.chat(userUuid);
	if (!chat) throw notFound('No conversation found with the given user');
	const newestFirst = store.messagesOf(chat).slice().reverse();
	if (markAsRead) store.markChatRead(chat);
	return { status: 200, body: pageOf(newestFirst, paging, (m) => messageView(store, m)) };
}

/** Builds and stores a creator message in a chat. */
function storeCreatorMessage(store, chat, content, type) {
	const mediaType = content.mediaUuids.length ? store.mediaByUuid.get(content.mediaUuids[0]).mediaType : null;
	const message = {
		uuid: crypto.randomUUID(),
		text: content.text,
		sentAt: new Date().toISOString(),
		senderUuid: store.creator.uuid,
		recipientUuid: chat.fanUuid,
		mediaUuids: content.mediaUuids,
		mediaType,
		type,
		price: content.price || null,
		purchasedAt: null,
		viaApi: true,
	};
	store.appendMessage(chat, message);
	store.sentMessages += 1;
	return message;
}

function sendMessage(ctx, { params, body }) {
	const { store } = ctx;
	if (ctx.faults.failSends) throw serviceUnavailable('Sending messages is temporarily unavailable');
	const userUuid = requireUuidParam('userUuid', params.userUuid);
	requireObjectBody(body);
	const { problems, content } = checkMessageContent(store, body, { allowTemplate: true });
	if (problems.length) throw validationError(problems);
	const fan = store.fan(userUuid);
	if (!store.isContactable(fan)) throw badRequest('User is not contactable');
	// The docs speak of "an existing chat"; a contactable fan without one gets it created.
	const chat = store.ensureChat(fan);
	const message = storeCreatorMessage(store, chat, content, 'SINGLE_RECIPIENT');
	return { status: 201, body: { messageUuid: message.uuid } };
}

function deleteMessage(ctx, { params }) {
	const { store } = ctx;
	const userUuid = requireUuidParam('userUuid', params.userUuid);
	const messageUuid = requireUuidParam('messageUuid', params.messageUuid);
	const chat = store.chat(userUuid);
	if (!chat) throw notFound('No conversation found with the given user');
	const messages = store.messagesOf(chat);
	const at = messages.findIndex((m) => m.uuid === messageUuid);
	if (at === -1) throw notFound('Message not found');
	const m = messages[at];
	if (m.senderUuid !== store.creator.uuid) throw badRequest('Only the sender can delete a message');
	if (m.purchasedAt) throw badRequest('Purchased messages cannot be deleted');
	if (m.type === 'BROADCAST') throw badRequest('Mass messages cannot be deleted via this endpoint');
	messages.splice(at, 1);
	const last = messages[messages.length - 1];
	chat.lastMessageAt = last ? last.sentAt : null;
	chat.lastFromFan = !!last && last.senderUuid === chat.fanUuid;
	store.touchChats();
	return { status: 204 };
}

module.exports = { listMessages, sendMessage, deleteMessage, storeCreatorMessage };
