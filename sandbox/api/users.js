'use strict';
// GET /users/me
function getMe(ctx) {
	const { store } = ctx;
	const counts = store.counts();
	const c = store.creator;
	const byType = (t) => store.media.filter((m) => m.mediaType === t && store.mediaItem(m.uuid).status === 'ready').length;
	return {
		status: 200,
		body: {
			uuid: c.uuid,
			email: c.email,
			handle: c.handle,
			bio: c.bio,
			displayName: c.displayName,
			isCreator: true,
			createdAt: c.createdAt,
			updatedAt: c.updatedAt,
			avatarUrl: c.avatarUrl,
			bannerUrl: c.bannerUrl,
			likesCount: c.likesCount,
			fanCounts: { followersCount: counts.followers + counts.subscribers, subscribersCount: counts.subscribers },
			contentCounts: { imageCount: byType('image'), videoCount: byType('video'), audioCount: byType('audio'), postCount: store.posts.length, payToViewPostCount: store.posts.filter((p) => p.price).length },
		},
	};
}

module.exports = { getMe };
