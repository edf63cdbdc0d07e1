'use strict';
// Deterministic randomness for the seeded data.
// Every entity (fan i, chat i, earning j, ...) gets its own generator derived from
// (seed, kind, index), so fan #42 is identical whatever the total fan count is and
// entities can be generated lazily in any order.

/** 32-bit string/number hash (FNV-1a) used to mix seed, kind and index. */
function hash32(...parts) {
	let h = 0x811c9dc5;
	for (const part of parts) {
		const s = String(part);
		for (let i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
		h ^= 0x2f; // separator so ('a','bc') != ('ab','c')
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for fake data. */
function mulberry32(a) {
	return function next() {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A generator with helpers, for one entity. */
function rng(seed, kind, index = 0) {
	const next = mulberry32(hash32(seed, kind, index));
	const r = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (arr) => arr[Math.floor(next() * arr.length)],
		chance: (p) => next() < p,
		/** uuid v4-shaped (version and variant bits set) but reproducible. */
		uuid: () => {
			const b = [];
			for (let i = 0; i < 16; i++) b.push(Math.floor(next() * 256));
			b[6] = (b[6] & 0x0f) | 0x40;
			b[8] = (b[8] & 0x3f) | 0x80;
			const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
			return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
		},
	};
	return r;
}

module.exports = { rng, hash32 };
