'use strict';
// The seven documented smart lists. Membership is a rule over a fan's state, so the lists
// stay right when fan acts change that state (a follower who subscribes moves lists).
const SMART_LISTS = [
	{ uuid: 'subscribers', name: 'Subscribers', has: (f) => f.status === 'subscriber' },
	{ uuid: 'auto_renewing', name: 'Auto-renewing', has: (f) => f.status === 'subscriber' && f.autoRenew },
	{ uuid: 'non_renewing', name: 'Non-renewing', has: (f) => f.status === 'subscriber' && !f.autoRenew },
	// Fanvue's followers exclude those with an active subscription.
	{ uuid: 'followers', name: 'Followers', has: (f) => f.status === 'follower' },
	{ uuid: 'free_trial_subscribers', name: 'Free trial subscribers', has: (f) => f.status === 'subscriber' && f.freeTrial },
	{ uuid: 'expired_subscribers', name: 'Expired subscribers', has: (f) => f.status === 'expired' },
	{ uuid: 'spent_more_than_50', name: 'Spent more than $50', has: (f) => f.status !== 'none' && f.spentCents > 5000 },
];
const SMART_LIST_BY_ID = new Map(SMART_LISTS.map((l) => [l.uuid, l]));

module.exports = { SMART_LISTS, SMART_LIST_BY_ID };
