'use strict';
// JSON shapes of API answers, in one place so every endpoint renders a fan or a message the
// same way (shapes from fanvue-endpoints.txt).

function fanView(store, fan) {
	const chat = store.chat(fan.uuid);
	return {
		uuid: fan.uuid,
		handle: fan.handle,
		displayName: fan.displayName,
		nickname: chat ? chat.nickname : null,
		isTopSpender: fan.isTopSpender,
		avatarUrl: fan.avatarUrl,
		registeredAt: fan.registeredAt,
	};
}

/** Members of smart and custom lists. */
const memberView = (fan) => ({ uuid: fan.uuid, displayName: fan.displayName, handle: fan.handle, isCreator: !!fan.isCreator });

function userRef(store, uuid) {
	if (uuid === store.creator.uuid) return { uuid, handle: store.creator.handle };
	const fan = store.fan(uuid);
	return { uuid, handle: fan ? fan.handle : null };
}

function messageView(store, m) {
	return {
		uuid: m.uuid,
		text: m.text,
		sentAt: m.sentAt,
		sender: userRef(store, m.senderUuid),
		recipient: userRef(store, m.recipientUuid),
		hasMedia: m.mediaUuids.length > 0,
		mediaType: m.mediaType,
		type: m.type,
		// Pay-to-view messages carry non-null pricing (cents per currency).
		pricing: m.price ? { USD: { price: m.price } } : null,
		purchasedAt: m.purchasedAt,
	};
}

function lastMessageView(m) {
	if (!m) return null;
	return { text: m.text, type: m.type, uuid: m.uuid, sentAt: m.sentAt, hasMedia: m.mediaUuids.length > 0, mediaType: m.mediaType, senderUuid: m.senderUuid };
}

function chatView(store, chat) {
	const fan = store.fan(chat.fanUuid);
	return {
		createdAt: chat.createdAt,
		lastMessageAt: chat.lastMessageAt,
		isRead: chat.isRead,
		isMuted: chat.isMuted,
		unreadMessagesCount: chat.unreadCount,
		user: fanView(store, fan),
		lastMessage: lastMessageView(store.lastMessageOf(chat)),
	};
}

module.exports = { fanView, memberView, messageView, chatView };
