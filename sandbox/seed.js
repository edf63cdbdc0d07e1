'use strict';
// Deterministic fake data. Pure functions of (seed, index): nothing here touches the store,
// so the store can call them lazily (a chat's message history is only built when someone
// reads it) and 100,000 fans cost one small object each.
const { rng } = require('./prng');

/** All seeded timestamps are relative to this fixed instant, not to "now", so the same seed
 * gives byte-identical data on every run. */
const SEED_EPOCH_MS = Date.parse('2026-11-01T00:00:00.000Z');
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

const FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Chris', 'Jamie', 'Morgan', 'Casey', 'Riley', 'Drew',
	'Max', 'Robin', 'Charlie', 'Quinn', 'Avery', 'Jesse', 'Kai', 'Noah', 'Liam', 'Mia', 'Leo', 'Eli', 'Finn', 'Theo'];
const LAST_INITIALS = 'ABCDEFGHJKLMNPRSTVW'.split('');
const FAN_LINES = ['hey! how are you?', 'loved your last post 😍', 'what are you up to today?', 'any new content soon?',
	'you look amazing', 'good morning!', 'can I ask you something?', 'thanks for the reply', 'haha that is so funny',
	'are you online tonight?', 'how much for the video?', 'just subscribed, hi!'];
const CREATOR_LINES = ['hi babe, thanks for the message!', 'new set dropping tonight 🔥', 'glad you liked it',
	'what would you like to see next?', 'thank you so much for the support', 'check your inbox 😉'];

const iso = (ms) => new Date(ms).toISOString();

function generateCreator(seed) {
	const r = rng(seed, 'creator');
	const uuid = r.uuid();
	const name = r.pick(['Luna', 'Aria', 'Nova', 'Stella', 'Ivy', 'Skye']);
	const handle = `${name.toLowerCase()}${r.int(10, 99)}`;
	return {
		uuid,
		email: `${handle}@creator.sandbox.test`,
		handle,
		bio: `Hi, I am ${name}. Sandbox creator for seed ${seed}.`,
		displayName: `${name} Sandbox`,
		isCreator: true,
		createdAt: iso(SEED_EPOCH_MS - 700 * DAY),
		updatedAt: iso(SEED_EPOCH_MS - 3 * DAY),
		avatarUrl: `https://media.sandbox.fanvue.test/avatars/${uuid}.jpg`,
		bannerUrl: `https://media.sandbox.fanvue.test/banners/${uuid}.jpg`,
		likesCount: r.int(1000, 90000),
	};
}

/**
 * Fan #i. `status` is the relation to the creator:
 * subscriber (majority) | follower (follows, no subscription) | expired (ex-subscriber, still
 * contactable) | none (no relation: not contactable, used by "new follower" acts).
 */
function generateFan(seed, i) {
	const r = rng(seed, 'fan', i);
	const uuid = r.uuid();
	const first = r.pick(FIRST_NAMES);
	const roll = r.next();
	const status = roll < 0.55 ? 'subscriber' : roll < 0.8 ? 'follower' : roll < 0.9 ? 'expired' : 'none';
	const spentCents = r.chance(0.6) ? r.int(0, 40000) : 0;
	const subscribed = status === 'subscriber' || status === 'expired';
	const fan = {
		index: i,
		uuid,
		handle: `${first.toLowerCase()}${i}`,
		displayName: `${first} ${r.pick(LAST_INITIALS)}.`,
		avatarUrl: r.chance(0.8) ? `https://media.sandbox.fanvue.test/avatars/${uuid}.jpg` : null,
		registeredAt: iso(SEED_EPOCH_MS - r.int(30, 900) * DAY - r.int(0, DAY)),
		status,
		autoRenew: status === 'subscriber' && r.chance(0.7),
		freeTrial: status === 'subscriber' && r.chance(0.1),
		subscribedAt: subscribed ? iso(SEED_EPOCH_MS - r.int(0, 365) * DAY) : null,
		followedAt: status !== 'none' ? iso(SEED_EPOCH_MS - r.int(0, 400) * DAY) : null,
		spentCents,
		isTopSpender: spentCents > 30000,
		hasTipped: spentCents > 0 && r.chance(0.4),
		online: r.chance(0.1),
		isCreator: false,
		hasChat: status !== 'none' && r.chance(0.85),
	};
	return fan;
}

/** The cheap part of a seeded chat: enough to list, filter and sort it without messages. */
function generateChatHeader(seed, fan) {
	const r = rng(seed, 'chat', fan.index);
	const messageCount = r.int(1, 6);
	const lastFromFan = r.chance(0.6);
	const lastMessageAtMs = SEED_EPOCH_MS - r.int(1, 60 * 24 * 60) * MINUTE;
	const gapMs = r.int(7, 180) * MINUTE;
	const isRead = lastFromFan ? r.chance(0.5) : true;
	return {
		fanUuid: fan.uuid,
		createdAt: iso(lastMessageAtMs - messageCount * gapMs - DAY),
		lastMessageAt: iso(lastMessageAtMs),
		isRead,
		isMuted: r.chance(0.05),
		nickname: null,
		unreadCount: isRead ? 0 : 1,
		lastFromFan,
		seed: { messageCount, lastMessageAtMs, gapMs },
	};
}

/** The seeded history of one chat, oldest first; built only when the chat is first read. */
function generateChatMessages(seed, creator, fan, header, media) {
	const r = rng(seed, 'messages', fan.index);
	const { messageCount, lastMessageAtMs, gapMs } = header.seed;
	const messages = [];
	for (let j = 0; j < messageCount; j++) {
		const stepsFromLast = messageCount - 1 - j;
		// Senders alternate and the newest one matches header.lastFromFan.
		const fromFan = stepsFromLast % 2 === 0 ? header.lastFromFan : !header.lastFromFan;
		const sentAtMs = lastMessageAtMs - stepsFromLast * gapMs;
		const withMedia = !fromFan && r.chance(0.25);
		const item = withMedia ? r.pick(media) : null;
		const price = withMedia && r.chance(0.5) ? r.int(3, 30) * 100 : null;
		messages.push({
			uuid: r.uuid(),
			text: fromFan ? r.pick(FAN_LINES) : r.pick(CREATOR_LINES),
			sentAt: iso(sentAtMs),
			senderUuid: fromFan ? fan.uuid : creator.uuid,
			recipientUuid: fromFan ? creator.uuid : fan.uuid,
			mediaUuids: item ? [item.uuid] : [],
			mediaType: item ? item.mediaType : null,
			type: 'SINGLE_RECIPIENT',
			price,
			purchasedAt: price && r.chance(0.3) ? iso(sentAtMs + 30 * MINUTE) : null,
		});
	}
	return messages;
}

function generateMedia(seed, count = 40) {
	const r = rng(seed, 'media');
	const out = [];
	for (let i = 0; i < count; i++) {
		const roll = r.next();
		const mediaType = roll < 0.6 ? 'image' : roll < 0.9 ? 'video' : 'audio';
		out.push({
			uuid: r.uuid(),
			status: 'ready',
			mediaType,
			name: `${mediaType}-${i + 1}`,
			caption: null,
			description: null,
			recommendedPrice: r.chance(0.5) ? r.int(3, 50) * 100 : null,
			createdAt: iso(SEED_EPOCH_MS - (count - i) * DAY),
		});
	}
	return out;
}

function generateTemplates(seed, media) {
	const r = rng(seed, 'templates');
	const specs = [
		['Welcome', 'Welcome to my page! 💕 So happy you are here.', null],
		['Welcome', 'Hey {name}, thanks for following!', null],
		['PPV', 'A little something special just for you 🔒', 1500],
		['PPV', 'Exclusive video, only for my favourites', 2500],
		['Re-engage', 'I miss you! Come back and see what is new', null],
		['Thanks', 'Thank you so much for the tip! 🥰', null],
		[null, 'Good morning sunshine ☀️', null],
		[null, 'Have a great weekend!', null],
	];
	return specs.map(([folderName, text, price]) => ({
		uuid: r.uuid(),
		text,
		price,
		mediaUuids: price ? [r.pick(media).uuid] : [],
		folderName,
	}));
}

const POST_LINES = ['New set is up 🔥', 'Behind the scenes from today', 'Thank you for 1k subscribers!', 'Sunday mood ☀️',
	'Exclusive: the full video', 'Quick hello from the beach', 'Which outfit next? Comment below', 'Unlock the uncut version 🔒'];
const COMMENT_LINES = ['wow 😍', 'amazing!', 'more please', 'love this', 'so good', 'can not wait for the next one'];

/**
 * Seeded posts, newest first, with the fans who liked, commented and tipped (by fan index).
 * The first post is pinned; paid posts carry media.
 */
function generatePosts(seed, media, fanCount, count = 12) {
	const r = rng(seed, 'posts');
	const out = [];
	for (let i = 0; i < count; i++) {
		const publishedMs = SEED_EPOCH_MS - (i * 3 + r.int(0, 2)) * DAY - r.int(0, DAY);
		const paid = r.chance(0.3);
		const mediaUuids = paid || r.chance(0.6) ? [r.pick(media).uuid] : [];
		const fansWho = (share) => {
			const picked = [];
			for (let k = 0; k < Math.min(fanCount, 40); k++) if (r.chance(share)) picked.push(r.int(0, fanCount - 1));
			return [...new Set(picked)];
		};
		const at = (k) => iso(publishedMs + (k + 1) * 17 * MINUTE);
		out.push({
			uuid: r.uuid(),
			createdAt: iso(publishedMs - r.int(1, 120) * MINUTE),
			text: r.pick(POST_LINES),
			price: paid ? r.int(3, 30) * 100 : null,
			audience: r.chance(0.7) ? 'subscribers' : 'followers-and-subscribers',
			publishAt: null,
			publishedAt: iso(publishedMs),
			expiresAt: null,
			mediaUuids,
			isPinned: i === 0,
			likes: fansWho(0.3).map((fanIndex, k) => ({ fanIndex, createdAt: at(k) })),
			comments: fansWho(0.1).map((fanIndex, k) => ({ uuid: r.uuid(), fanIndex, text: r.pick(COMMENT_LINES), createdAt: at(k), updatedAt: null })),
			tips: fansWho(0.05).map((fanIndex, k) => {
				const gross = r.int(2, 50) * 100;
				return { fanIndex, createdAt: at(k), gross, net: Math.round(gross * 0.8) };
			}),
		});
	}
	return out;
}

const SOCIAL_PLATFORMS = ['facebook', 'instagram', 'other', 'reddit', 'snapchat', 'tiktok', 'twitter', 'youtube'];

/** Seeded tracking links, newest first. */
function generateTrackingLinks(seed, count = 5) {
	const r = rng(seed, 'tracking-links');
	return Array.from({ length: count }, (_, i) => ({
		uuid: r.uuid(),
		name: `${r.pick(['Bio link', 'Story', 'Promo', 'Pinned post', 'Collab'])} ${i + 1}`,
		linkUrl: `fv-${r.int(100, 999)}${i}`,
		externalSocialPlatform: r.pick(SOCIAL_PLATFORMS),
		createdAt: iso(SEED_EPOCH_MS - (i * 7 + 1) * DAY),
		clicks: r.int(0, 5000),
	}));
}

/** Seeded vault folders with some of the media. */
function generateVaultFolders(seed, media) {
	const r = rng(seed, 'vault');
	return ['Photos', 'Videos', 'PPV'].map((name, k) => ({
		name,
		createdAt: iso(SEED_EPOCH_MS - (60 - k) * DAY),
		mediaUuids: new Set(media.filter((m) => (name === 'Photos' ? m.mediaType === 'image' : name === 'Videos' ? m.mediaType === 'video' : r.chance(0.2))).map((m) => m.uuid)),
	}));
}

/** Seeded custom lists: [name, predicate over fans, cap]. */
function customListSpecs() {
	return [
		['VIP', (f) => f.isTopSpender && f.status !== 'none', 200],
		['Big tippers', (f) => f.hasTipped && f.status !== 'none', 100],
		['Re-engage', (f) => f.status === 'expired', 100],
	];
}

function generateCustomListIds(seed) {
	const r = rng(seed, 'custom-lists');
	return customListSpecs().map(([name, predicate, cap], k) => ({
		uuid: r.uuid(),
		name,
		createdAt: iso(SEED_EPOCH_MS - (30 - k) * DAY),
		predicate,
		cap,
	}));
}

const EARNING_SOURCES = ['subscription', 'subscription', 'renewal', 'renewal', 'message', 'message', 'tip', 'post',
	'mediaLink', 'referral', 'affiliate', 'giveaway'];
const FANLESS_SOURCES = new Set(['referral', 'affiliate']);

/** Earnings newest first, spread over the 90 days before SEED_EPOCH. */
function generateEarnings(seed, fanCount) {
	const count = Math.min(Math.max(fanCount * 2, 20), 20000);
	const r = rng(seed, 'earnings');
	const gapMs = (90 * DAY) / count;
	const out = [];
	for (let j = 0; j < count; j++) {
		const source = r.pick(EARNING_SOURCES);
		const gross = r.int(3, 100) * 100 + r.pick([0, 0, 99, 49]);
		out.push({
			id: `seed-${j}`,
			dateMs: Math.floor(SEED_EPOCH_MS - (j + r.next()) * gapMs),
			gross,
			net: Math.round(gross * 0.8),
			currency: 'USD',
			source,
			fanIndex: FANLESS_SOURCES.has(source) || fanCount === 0 ? null : r.int(0, fanCount - 1),
		});
	}
	return out;
}

module.exports = {
	SEED_EPOCH_MS,
	generateCreator,
	generateFan,
	generateChatHeader,
	generateChatMessages,
	generateMedia,
	generateTemplates,
	generateCustomListIds,
	generateEarnings,
	generatePosts,
	generateTrackingLinks,
	generateVaultFolders,
	SOCIAL_PLATFORMS,
	EARNING_SOURCES: ['all', 'affiliate', 'mediaLink', 'message', 'post', 'referral', 'renewal', 'subscription', 'tip', 'giveaway'],
};
