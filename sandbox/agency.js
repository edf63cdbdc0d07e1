'use strict';
// Agency mode: the connected user's agency manages a few creators, each with a whole store of
// their own (fans, chats, lists, earnings), seeded from the sandbox seed and the creator's
// number. One more creator exists on "Fanvue" whom the agency does not manage: acting for it
// is refused with 403, and an unknown creator uuid is 404.
const { Store } = require('./store');
const { ApiError, notFound } = require('./api/errors');

class Agency {
	constructor({ seed, managedCreators, managedCreatorFans }) {
		this.managed = new Map(); // creator uuid -> Store
		for (let i = 0; i < managedCreators; i++) {
			const store = new Store({ seed: `${seed}-managed-${i}`, fans: managedCreatorFans });
			this.managed.set(store.creator.uuid, store);
		}
		// Seeded (a stable uuid per seed) but with no fans: it is only ever refused.
		this.outsider = new Store({ seed: `${seed}-not-managed`, fans: 0 }).creator;
	}

	/** The managed creators in a stable order (the order they were seeded in). */
	creators() {
		return [...this.managed.values()].map((store) => store.creator);
	}

	/** The store a /creators/{uuid}/... request works on, or the error Fanvue answers. */
	storeFor(creatorUuid) {
		const store = this.managed.get(creatorUuid);
		if (store) return store;
		if (creatorUuid === this.outsider.uuid) {
			throw new ApiError(403, { error: 'Forbidden', message: 'You do not have access to this creator' });
		}
		throw notFound('Creator not found');
	}
}

module.exports = { Agency };
