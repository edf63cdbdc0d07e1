'use strict';
// Chat conversations: list (filters, search, sort, list filters), create, update, unread
// counts, online statuses, and the media shared in a chat (cursor style).
const { arrayParam } = require('../http/util');
const { invalid, badRequest, notFound, validationError } = require('./errors');
const { isUuid, requireUuidParam, requireObjectBody, uuidArrayProblem } = require('./validate');
const { parsePage, pageOf, parseCursorParams, cursorPageOf } = require('./pagination');
const { chatView } = require('./views');
const { SMART_LIST_BY_ID } = require('../smart-lists');
const { SEED_EPOCH_MS } = require('../seed');

const RECENT_MS = 30 * 24 * 3600 * 1000;

/** The documented `filter` values; each is a predicate over (chat, fan). */
const CHAT_FILTERS = {
	unread: (c) => !c.isRead,
	online: (c, f) => f.online,
	subscribed_to: () => false, // the creator subscribes to nobody in the sandbox
	not_muted: (c) => !c.isMuted,
	subscribers: (c, f) => f.status === 'subscriber',
	followers: (c, f) => f.status === 'follower',
	recent_subscribers: (c, f) => f.status === 'subscriber' && Date.parse(f.subscribedAt) >= Math.max(Date.now(), SEED_EPOCH_MS) - RECENT_MS,
	not_answered: (c) => c.lastFromFan,
	spent_more_than_50: (c, f) => f.spentCents > 5000,
	on_free_trial: (c, f) => f.freeTrial,
	has_tipped: (c, f) => f.hasTipped,
	spenders: (c, f) => f.spentCents > 0,
	exclude_creators: (c, f) => !f.isCreator,
};

// Comparators over {chat, fan} rows; ISO timestamps compare correctly as plain strings.
const cmpStr = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byRecency = (a, b) => cmpStr(b.chat.lastMessageAt || '', a.chat.lastMessageAt || '');
const SORTS = {
	most_recent_messages: byRecency,
	online_now: (a, b) => Number(b.fan.online) - Number(a.fan.online) || byRecency(a, b),
	most_unanswered_chats: (a, b) => b.chat.unreadCount - a.chat.unreadCount || Number(b.chat.lastFromFan) - Number(a.chat.lastFromFan) || byRecency(a, b),
};

function listChats(ctx, { query, multi }) {
	const { store } = ctx;
	const paging = parsePage(query);
	const filters = arrayParam(multi, 'filter');
	const unknownFilter = filters.find((f) => !CHAT_FILTERS[f]);
	if (unknownFilter) throw invalid('filter', `Unknown filter "${unknownFilter}". Allowed: ${Object.keys(CHAT_FILTERS).join(', ')}`);
	const smartListIds = arrayParam(multi, 'smartListIds');
	const unknownSmart = smartListIds.find((id) => !SMART_LIST_BY_ID.has(id));
	if (unknownSmart) throw invalid('smartListIds', `Unknown smart list "${unknownSmart}"`);
	const sortBy = query.sortBy || 'most_recent_messages';
	if (!SORTS[sortBy]) throw invalid('sortBy', `sortBy must be one of ${Object.keys(SORTS).join(', ')}`);
	let customMembers = null;
	if (query.customListId !== undefined) {
		if (!isUuid(query.customListId)) throw invalid('customListId', 'customListId must be a valid UUID');
		const list = store.customLists.get(query.customListId.toLowerCase());
		if (!list) throw invalid('customListId', 'Custom list not found');
		customMembers = list.members;
	}
	const search = (query.search || '').trim().toLowerCase();

	const rows = store.sortedChats(sortBy, SORTS[sortBy]).filter(({ chat, fan }) => {
		if (!filters.every((f) => CHAT_FILTERS[f](chat, fan))) return false;
		if (smartListIds.length && !smartListIds.some((id) => SMART_LIST_BY_ID.get(id).has(fan))) return false;
		if (customMembers && !customMembers.has(fan.uuid)) return false;
		if (search && ![fan.displayName, fan.handle, chat.nickname || ''].some((s) => s.toLowerCase().includes(search))) return false;
		return true;
	});
	return { status: 200, body: pageOf(rows, paging, (row) => chatView(store, row.chat)) };
}

function createChat(ctx, { body }) {
	requireObjectBody(body);
	const problem = !isUuid(body.userUuid) ? { field: 'userUuid', message: 'userUuid must be a valid UUID' } : null;
	if (problem) throw validationError([problem]);
	const fan = ctx.store.fan(body.userUuid.toLowerCase());
	if (!ctx.store.isContactable(fan)) throw badRequest('User is not contactable');
	const existed = !!ctx.store.chat(fan.uuid);
	ctx.store.ensureChat(fan);
	return { status: 201, body: { message: existed ? 'Chat already exists' : 'Chat created successfully' } };
}

function updateChat(ctx, { params, body }) {
	const userUuid = requireUuidParam('userUuid', params.userUuid);
	requireObjectBody(body);
	const problems = [];
	if (body.isRead !== undefined && typeof body.isRead !== 'boolean') problems.push({ field: 'isRead', message: 'isRead must be a boolean' });
	if (body.isMuted !== undefined && typeof body.isMuted !== 'boolean') problems.push({ field: 'isMuted', message: 'isMuted must be a boolean' });
	if (body.nickname !== undefined && body.nickname !== null) {
		if (typeof body.nickname !== 'string') problems.push({ field: 'nickname', message: 'nickname must be a string' });
		else if (body.nickname.length > 30) problems.push({ field: 'nickname', message: 'nickname must be at most 30 characters' });
	}
	if (problems.length) throw validationError(problems);
	const chat = ctx.store.chat(userUuid);
	if (!chat) throw notFound('No conversation found with the given user');
	if (body.isRead === true) ctx.store.markChatRead(chat);
	if (body.isRead === false) {
		chat.isRead = false;
		chat.unreadCount = Math.max(chat.unreadCount, 1);
	}
	if (body.isMuted !== undefined) chat.isMuted = body.isMuted;
	if (body.nickname !== undefined) chat.nickname = body.nickname || null;
	ctx.store.touchChats();
	return { status: 204 };
}

function unreadCounts(ctx) {
	let unreadChatsCount = 0;
	let unreadMessagesCount = 0;
	for (const chat of ctx.store.chats.values()) {
		if (!chat.isRead) unreadChatsCount++;
		unreadMessagesCount += chat.unreadCount;
	}
	return { status: 200, body: { unreadChatsCount, unreadMessagesCount, unreadNotifications: { ...ctx.store.notifications } } };
}

function onlineStatuses(ctx, { body }) {
	requireObjectBody(body);
	const problem = uuidArrayProblem('userUuids', body.userUuids, { required: true });
	if (problem) throw validationError([problem]);
	if (body.userUuids.length > 100) throw invalid('userUuids', 'At most 100 user UUIDs per request');
	const out = {};
	for (const uuid of body.userUuids) {
		const fan = ctx.store.fan(uuid.toLowerCase());
		out[uuid] = { isOnline: !!(fan && fan.online), lastSeenAt: fan && fan.online ? new Date().toISOString() : null };
	}
	return { status: 200, body: out };
}

const MEDIA_TYPES = ['image', 'video', 'audio', 'document'];

function chatMedia(ctx, { params, query }) {
	const { store } = ctx;
	const userUuid = requireUuidParam('userUuid', params.userUuid);
	const paging = parseCursorParams(query, { defaultSize: 20, sizeParam: 'limit' });
	if (query.mediaType !== undefined && !MEDIA_TYPES.includes(query.mediaType)) throw invalid('mediaType', `mediaType must be one of ${MEDIA_TYPES.join(', ')}`);
	const chat = store.chat(userUuid);
	if (!chat) throw notFound('No conversation found with the given user');
	const items = [];
	const messages = store.messagesOf(chat);
	for (let i = messages.length - 1; i >= 0; i--) {
		const m = messages[i];
		for (const mediaUuid of m.mediaUuids) {
			const media = store.mediaByUuid.get(mediaUuid);
			const mediaType = media ? media.mediaType : 'unknown';
			if (query.mediaType && mediaType !== query.mediaType) continue;
			items.push({ m, mediaUuid, media, mediaType });
		}
	}
	const body = cursorPageOf(items, paging, (it) => `${it.m.uuid}:${it.mediaUuid}`, (it) => ({
		uuid: it.mediaUuid,
		messageUuid: it.m.uuid,
		mediaType: it.mediaType,
		created_at: it.media ? it.media.createdAt : it.m.sentAt,
		sentAt: it.m.sentAt,
		ownerUuid: it.m.senderUuid,
		name: it.media ? it.media.name : null,
		variants: [],
	}));
	return { status: 200, body };
}

module.exports = { listChats, createChat, updateChat, unreadCounts, onlineStatuses, chatMedia, CHAT_FILTERS };
