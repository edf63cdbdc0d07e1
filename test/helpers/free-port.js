/** freePort(): a TCP port on 127.0.0.1 that nothing listens on right now. Plain JavaScript, so that
 * jest's global setup (test/helpers/run-postgres.js) and the TypeScript harness share it. */
const net = require('net');

/** @param {string} [host] @returns {Promise<number>} */
function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

module.exports = { freePort };
