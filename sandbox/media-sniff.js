'use strict';
// Whether the first bytes of an upload look like the declared media type (the file
// signatures of common formats). Fanvue's processing fails for a file it cannot decode; the
// sandbox models that with these signatures.

const startsWith = (bytes, signature, offset = 0) => bytes.length >= offset + signature.length && signature.every((b, i) => b === null || bytes[offset + i] === b);
const ascii = (text) => [...Buffer.from(text, 'latin1')];

const SIGNATURES = {
	image: [
		(b) => startsWith(b, [0x89, ...ascii('PNG')]),
		(b) => startsWith(b, [0xff, 0xd8, 0xff]),
		(b) => startsWith(b, ascii('GIF8')),
		(b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
		(b) => startsWith(b, ascii('ftyp'), 4) && /^(heic|heix|mif1|avif)/.test(b.subarray(8, 12).toString('latin1')),
	],
	video: [
		(b) => startsWith(b, ascii('ftyp'), 4) && !/^(heic|heix|mif1|avif|M4A )/.test(b.subarray(8, 12).toString('latin1')),
		(b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]),
		(b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('AVI '), 8),
	],
	audio: [
		(b) => startsWith(b, ascii('ID3')),
		(b) => b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0,
		(b) => startsWith(b, ascii('ftyp'), 4) && startsWith(b, ascii('M4A '), 8),
		(b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WAVE'), 8),
		(b) => startsWith(b, ascii('OggS')),
		(b) => startsWith(b, ascii('fLaC')),
	],
	document: [(b) => startsWith(b, ascii('%PDF'))],
};

function looksLike(bytes, mediaType) {
	return (SIGNATURES[mediaType] || []).some((test) => test(bytes));
}

module.exports = { looksLike };
