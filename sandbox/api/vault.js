'use strict';
// Vault folders, addressed by name (URL-encoded in the path): list, create (409 on a taken
// name), details, rename (409), delete (media detached, not deleted), and their media.
const { notFound, conflict, validationError } = require('./errors');
const { requireObjectBody, requireUuidParam, uuidArrayProblem } = require('./validate');
const { parsePage, pageOf } = require('./pagination');

const MAX_NAME = 100;
const folderView = (f) => ({ name: f.name, createdAt: f.createdAt, mediaCount: f.mediaUuids.size });

function findFolder(store, name) {
	const folder = store.vaultFolders.find((f) => f.name === name);
	if (!folder) throw notFound('Folder not found');
	return folder;
}

function checkName(body) {
	requireObjectBody(body);
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	if (!name) throw validationError([{ field: 'name', message: 'name is required' }]);
	if (name.length > MAX_NAME) throw validationError([{ field: 'name', message: `name must be at most ${MAX_NAME} characters` }]);
	return name;
}

const taken = (store, name, except) => store.vaultFolders.some((f) => f !== except && f.name.toLowerCase() === name.toLowerCase());

function listFolders(ctx, { query }) {
	return { status: 200, body: pageOf(ctx.store.vaultFolders, parsePage(query), folderView) };
}

function createFolder(ctx, { body }) {
	const name = checkName(body);
	if (taken(ctx.store, name)) throw conflict('Folder with this name already exists');
	const folder = { name, createdAt: new Date().toISOString(), mediaUuids: new Set() };
	ctx.store.vaultFolders.push(folder);
	return { status: 201, body: folderView(folder) };
}

function getFolder(ctx, { params }) {
	return { status: 200, body: folderView(findFolder(ctx.store, params.folderName)) };
}

function renameFolder(ctx, { params, body }) {
	const folder = findFolder(ctx.store, params.folderName);
	const name = checkName(body);
	if (taken(ctx.store, name, folder)) throw conflict('Folder with the new name already exists');
	folder.name = name;
	return { status: 204 };
}

function deleteFolder(ctx, { params }) {
	const folder = findFolder(ctx.store, params.folderName);
	ctx.store.vaultFolders.splice(ctx.store.vaultFolders.indexOf(folder), 1);
	return { status: 204 };
}

function folderMedia(ctx, { params, query }) {
	const { store } = ctx;
	const folder = findFolder(store, params.folderName);
	const paging = parsePage(query);
	const rows = [...folder.mediaUuids].map((uuid) => store.mediaItem(uuid)).filter(Boolean);
	return { status: 200, body: pageOf(rows, paging, (m) => ({ uuid: m.uuid, name: m.name, createdAt: m.createdAt, mediaType: m.mediaType })) };
}

function addFolderMedia(ctx, { params, body }) {
	const { store } = ctx;
	const folder = findFolder(store, params.folderName);
	requireObjectBody(body);
	const problem = uuidArrayProblem('mediaUuids', body.mediaUuids, { required: true });
	if (problem) throw validationError([problem]);
	if (!body.mediaUuids.length) throw validationError([{ field: 'mediaUuids', message: 'mediaUuids must not be empty' }]);
	const uuids = body.mediaUuids.map((u) => u.toLowerCase());
	const foreign = uuids.find((u) => !store.mediaItem(u));
	if (foreign) throw validationError([{ field: 'mediaUuids', message: `Media not found: ${foreign}` }]);
	let addedCount = 0;
	for (const uuid of uuids) {
		if (folder.mediaUuids.has(uuid)) continue;
		folder.mediaUuids.add(uuid);
		addedCount++;
	}
	return { status: 201, body: { addedCount } };
}

function removeFolderMedia(ctx, { params }) {
	const folder = findFolder(ctx.store, params.folderName);
	const uuid = requireUuidParam('mediaUuid', params.mediaUuid);
	if (!folder.mediaUuids.delete(uuid)) throw notFound('Media is not in this folder');
	return { status: 204 };
}

module.exports = { listFolders, createFolder, getFolder, renameFolder, deleteFolder, folderMedia, addFolderMedia, removeFolderMedia };
