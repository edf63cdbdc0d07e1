'use strict';
// The in-memory state of one sandbox (sb.store). Seeded deterministically; chat histories
// are only generated when a chat is first read, so large fan counts start fast.
const seed = require('./seed');

class Store {
	constructor({ seed: seedValue, fans: fanCount }) {
		this.seed = seedValue;
		this.creator = seed.generateCreator(seedValue);
		this.fans = [];
		this.fanByUuid = new Map();
		this.chats = new Map(); // fan uuid -> chat
		this.chatsVersion = 0; // bumped on every chat change; invalidates the sorted-chat cache
		this._sortedChats = new Map(); // sortBy -> {version, rows}
		for (let i = 0; i < fanCount; i++) {
			const fan = seed.generateFan(seedValue, i);
			this._addFan(fan);
			if (fan.hasChat) this.chats.set(fan.uuid, seed.generateChatHeader(seedValue, fan));
		}
		this.media = seed.generateMedia(seedValue);
		this.mediaByUuid = new Map(this.media.map((m) => [m.uuid, m]));
		this.templates = seed.generateTemplates(seedValue, this.media);
		this.vaultFolders = seed.generateVaultFolders(seedValue, this.media); // in creation order
		this.trackingLinks = seed.generateTrackingLinks(seedValue); // newest first
		this.customLists = new Map();
		for (const spec of seed.generateCustomListIds(seedValue)) {
			const members = new Set();
			for (const fan of this.fans) {
				if (members.size >= spec.cap) break;
				if (spec.predicate(fan)) members.add(fan.uuid);
			}
			this.customLists.set(spec.uuid, { uuid: spec.uuid, name: spec.name, createdAt: spec.createdAt, members });
		}
		this.posts = seed.generatePosts(seedValue, this.media, fanCount); // newest first
		// Newest first; entries added by fan acts are inserted in date order.
		this.earnings = seed.generateEarnings(seedValue, fanCount).map((e) => ({
			...e,
			fanUuid: e.fanIndex === null ? null : this.fans[e.fanIndex].uuid,
		}));
		this.massMessages = [];
		this.sentMessages = 0; // messages sent through the API (single + mass recipients)
		this.webhookSubscriptions = new Map(); // uuid -> {uuid, clientId, url, events, signingSecret, createdAt}
		this.webhookTargets = []; // Developer-Area style configuration
		this.notifications = { newFollower: 0, newPostComment: 0, newPostLike: 0, newPurchase: 0, newSubscriber: 0, newTip: 0, newPromotion: 0 };
	}

	_addFan(fan) {
		this.fans.push(fan);
		this.fanByUuid.set(fan.uuid, fan);
	}

	fan(uuid) {
		return this.fanByUuid.get(uuid) || null;
	}

	/** Media by uuid, with an uploaded item's processing state brought up to date. */
	mediaItem(uuid) {
		const media = this.mediaByUuid.get(uuid);
		if (media && media.status === 'processing' && Date.now() >= media.processedAtMs) media.status = media.processingOutcome;
		return media || null;
	}

	addMedia(media) {
		this.media.push(media);
		this.mediaByUuid.set(media.uuid, media);
	}

	/** A brand-new user with no relation to the creator (for "new follower" style acts). */
	newUnrelatedFan() {
		const fan = seed.generateFan(`${this.seed}-extra`, this.fans.length);
		Object.assign(fan, { index: this.fans.length, status: 'none', autoRenew: false, freeTrial: false, subscribedAt: null, followedAt: null, hasChat: false, handle: `newfan${this.fans.length}` });
		this._addFan(fan);
		return fan;
	}

	/** Fans that the creator may message: any relation (subscriber, follower, ex-subscriber). */
	isContactable(fan) {
		return !!fan && fan.status !== 'none';
	}

	/** Call after changing a chat's header fields directly. */
	touchChats() {
		this.chatsVersion++;
	}

	/**
	 * All chats as {chat, fan} rows in one sort order, cached until a chat changes: listing
	 * 100,000 chats then costs a filter pass, not a sort, per request.
	 */
	sortedChats(sortBy, compare) {
		const cached = this._sortedChats.get(sortBy);
		if (cached && cached.version === this.chatsVersion) return cached.rows;
		const rows = [];
		for (const chat of this.chats.values()) rows.push({ chat, fan: this.fan(chat.fanUuid) });
		rows.sort((a, b) => compare(a, b) || a.fan.index - b.fan.index);
		this._sortedChats.set(sortBy, { version: this.chatsVersion, rows });
		return rows;
	}

	chat(fanUuid) {
		return this.chats.get(fanUuid) || null;
	}

	ensureChat(fan, nowIso = new Date().toISOString()) {
		let chat = this.chats.get(fan.uuid);
		if (!chat) {
			chat = { fanUuid: fan.uuid, createdAt: nowIso, lastMessageAt: null, isRead: true, isMuted: false, nickname: null, unreadCount: 0, lastFromFan: false, seed: null };
			chat.messages = [];
			this.chats.set(fan.uuid, chat);
			fan.hasChat = true;
			this.touchChats();
		}
		return chat;
	}

	/** All messages of a chat, oldest first (generates the seeded history on first use). */
	messagesOf(chat) {
		if (!chat.messages) {
			const fan = this.fan(chat.fanUuid);
			chat.messages = chat.seed ? seed.generateChatMessages(this.seed, this.creator, fan, chat, this.media) : [];
		}
		return chat.messages;
	}

	lastMessageOf(chat) {
		const messages = this.messagesOf(chat);
		return messages.length ? messages[messages.length - 1] : null;
	}

	/** Appends a message and keeps the chat header (last message, read state) consistent. */
	appendMessage(chat, message) {
		this.messagesOf(chat).push(message);
		chat.lastMessageAt = message.sentAt;
		this.touchChats();
		const fromFan = message.senderUuid === chat.fanUuid;
		chat.lastFromFan = fromFan;
		if (fromFan) {
			chat.isRead = false;
			chat.unreadCount += 1;
		}
	}

	markChatRead(chat) {
		if (chat.isRead && chat.unreadCount === 0) return;
		chat.isRead = true;
		chat.unreadCount = 0;
		this.touchChats();
	}

	addEarning({ source, gross, fanUuid, dateMs = Date.now() }) {
		const entry = { id: `live-${this.earnings.length}-${dateMs}`, dateMs, gross, net: Math.round(gross * 0.8), currency: 'USD', source, fanIndex: null, fanUuid };
		const at = this.earnings.findIndex((e) => e.dateMs <= dateMs);
		this.earnings.splice(at === -1 ? this.earnings.length : at, 0, entry);
		const fan = fanUuid && this.fan(fanUuid);
		if (fan) {
			fan.spentCents += gross;
			fan.isTopSpender = fan.spentCents > 30000;
		}
		return entry;
	}

	counts() {
		let subscribers = 0;
		let followers = 0;
		for (const f of this.fans) {
			if (f.status === 'subscriber') subscribers++;
			else if (f.status === 'follower') followers++;
		}
		let messages = 0;
		for (const chat of this.chats.values()) messages += chat.messages ? chat.messages.length : chat.seed ? chat.seed.messageCount : 0;
		return {
			fans: this.fans.length,
			subscribers,
			followers,
			chats: this.chats.size,
			messages,
			sentMessages: this.sentMessages,
			massMessages: this.massMessages.length,
			customLists: this.customLists.size,
			earnings: this.earnings.length,
			webhookSubscriptions: this.webhookSubscriptions.size,
		};
	}
}

module.exports = { Store };
